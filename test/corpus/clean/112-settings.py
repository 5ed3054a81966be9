import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
DATABASE_URL = os.getenv("DATABASE_URL", "sqlite:///dev.db")
SECRET_KEY = get_random_secret_key()
