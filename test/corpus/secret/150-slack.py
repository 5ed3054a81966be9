from slack_sdk import WebClient

client = WebClient(token='xoxp-«d12»-«d12»-«d13»-«h32»')
