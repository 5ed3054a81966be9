import os
import sys

CONFIG = {
    "region": "us-east-1",
    "mailgun_api_key": "«h32»-«h8»-«h8»",
}

if __name__ == "__main__":
    sys.exit(0)
