import os

SENDGRID_API_KEY = os.environ["SENDGRID_API_KEY"]
TIMEOUT = int(os.getenv("TIMEOUT", "30"))
