terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  rabbitmq_url = "amqps://worker:«A20»@rabbit.prod.acme.io:5671/jobs"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
