variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "gh_pat" {
  type        = string
  description = "Vendor key for the app"
  default     = "${env:API_KEY}"
}
