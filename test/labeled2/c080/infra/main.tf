terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  database_password = "projects/acme-prod/secrets/github-token/versions/latest"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
