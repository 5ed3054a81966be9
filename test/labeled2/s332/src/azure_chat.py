import requests

resp = requests.post(
    "https://acme-openai.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01",
    headers={"api-key": "«h32»", "Content-Type": "application/json"},
    json={"messages": [{"role": "user", "content": "hi"}]},
)
