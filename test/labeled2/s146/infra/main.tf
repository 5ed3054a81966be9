terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  slack_webhook_url = "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
