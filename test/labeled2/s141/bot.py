from slack_sdk import WebClient

client = WebClient(token="xoxb-«d12»-«d13»-«A24»")
client.chat_postMessage(channel="#deploys", text="done")
