terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  database_password = "vault:secret/data/prod/stripe#api_key"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
