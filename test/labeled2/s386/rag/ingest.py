import os

os.environ["LLAMA_CLOUD_API_KEY"] = "llx-«A48»"
