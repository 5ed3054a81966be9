terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  anthropic_api_key = "sk-ant-api03-«u93»AA"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
