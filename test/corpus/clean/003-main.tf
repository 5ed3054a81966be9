provider "acme" {
  region = "eu-west-1"
  openai_api_key = "<your-openai-api-key>"
}
