terraform {
  required_version = ">= 1.5"
}

locals {
  environment = "prod"
  mongodb_uri = "mongodb+srv://svc_api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority"
}

resource "aws_ssm_parameter" "app" {
  name  = "/app/prod/config"
  type  = "String"
  value = local.environment
}
