from tavily import TavilyClient

tavily = TavilyClient(api_key="tvly-«A32»")
