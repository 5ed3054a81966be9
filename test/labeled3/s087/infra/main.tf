terraform {
  required_version = ">= 1.6"
}

variable "github_oauth_token" {
  type      = string
  sensitive = true
  default   = "gho_«A36»"
}
