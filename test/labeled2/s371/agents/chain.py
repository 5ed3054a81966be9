from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o", temperature=0, openai_api_key="sk-proj-«u74»T3BlbkFJ«u74»")
