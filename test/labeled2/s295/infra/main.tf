terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  smtp_password = "«C1»«l7»#«d4»"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
