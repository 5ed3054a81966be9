variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "postmark_server_token" {
  type        = string
  description = "Vendor key for the app"
  default     = "vault:secret/data/vendor#api_key"
}
