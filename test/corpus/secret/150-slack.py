from slack_sdk import WebClient

client = WebClient(token='xoxp-534723058907-797873580669-8811950353305-21a3dd398eeda795f260762d904d6e77')
