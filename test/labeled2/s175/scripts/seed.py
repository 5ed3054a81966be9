import os
import sys

CONFIG = {
    "region": "us-east-1",
    "shopify_access_token": "shpat_«h32»",
}

if __name__ == "__main__":
    sys.exit(0)
