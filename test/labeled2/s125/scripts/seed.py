import os
import sys

CONFIG = {
    "region": "us-east-1",
    "pypi_api_token": "pypi-AgEIcHlwaS5vcmc«u140»",
}

if __name__ == "__main__":
    sys.exit(0)
