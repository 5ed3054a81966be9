variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "groq_api_key" {
  type        = string
  description = "Vendor key for the app"
  default     = "<paste your key>"
}
