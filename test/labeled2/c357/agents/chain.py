import os

from langchain_openai import ChatOpenAI
from pydantic import SecretStr

llm = ChatOpenAI(model="gpt-4o", api_key=SecretStr(os.environ["OPENAI_API_KEY"]))
