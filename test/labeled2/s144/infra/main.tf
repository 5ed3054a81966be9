terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  slack_user_token = "xoxp-«d12»-«d12»-«d13»-«h32»"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
