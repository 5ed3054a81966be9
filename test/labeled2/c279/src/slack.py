SLACK_WEBHOOK_BASE = "https://hooks.slack.com/services/"


def url(path: str) -> str:
    return SLACK_WEBHOOK_BASE + path
