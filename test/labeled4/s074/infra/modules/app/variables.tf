variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "github_token" {
  type        = string
  description = "Vendor key for the app"
  default     = "ghp_«A36»"
}
