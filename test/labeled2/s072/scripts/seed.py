import os
import sys

CONFIG = {
    "region": "us-east-1",
    "azure_storage_connection_string": "DefaultEndpointsProtocol=https;AccountName=acmeprod«d3»;AccountKey=«b86»==;EndpointSuffix=core.windows.net",
}

if __name__ == "__main__":
    sys.exit(0)
