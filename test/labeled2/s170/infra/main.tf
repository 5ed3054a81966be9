terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  mailchimp_api_key = "«h32»-us21"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
