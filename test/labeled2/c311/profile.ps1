$env:OPENAI_API_KEY = (Get-Secret -Name OpenAI -AsPlainText)
