import os
import sys

CONFIG = {
    "region": "us-east-1",
    "langsmith_api_key": "lsv2_pt_«h32»_«h10»",
}

if __name__ == "__main__":
    sys.exit(0)
