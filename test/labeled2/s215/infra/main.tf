terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  stripe_secret_key = "sk_live_«A99»"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
