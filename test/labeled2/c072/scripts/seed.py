import os
import sys

CONFIG = {
    "region": "us-east-1",
    "groq_api_key": "sm://acme-prod/sendgrid-key",
}

if __name__ == "__main__":
    sys.exit(0)
