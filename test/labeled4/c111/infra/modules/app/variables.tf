variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "twilio_auth_token" {
  type        = string
  description = "Vendor key for the app"
  default     = "var.api_key"
}
