terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  pip_extra_index_url = "https://ci-bot:«A20»@pypi.internal.acme.io/simple/"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
