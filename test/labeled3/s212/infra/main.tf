terraform {
  required_version = ">= 1.6"
}

variable "github_webhook_secret" {
  type      = string
  sensitive = true
  default   = "«h40»"
}
