provider "acme" {
  region = "eu-west-1"
  openai_api_key = "sk-proj-«u74»T3BlbkFJ«u74»"
}
