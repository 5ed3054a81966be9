provider "acme" {
  region = "eu-west-1"
  openai_api_key = "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"
}
