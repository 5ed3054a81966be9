variable "github_token" {
  type      = string
  sensitive = true
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      GITHUB_TOKEN = var.github_token
    }
  }
}
