variable "anthropic_api_key" {
  type      = string
  sensitive = true
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      ANTHROPIC_API_KEY = var.anthropic_api_key
    }
  }
}
