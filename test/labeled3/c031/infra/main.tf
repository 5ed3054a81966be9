terraform {
  required_version = ">= 1.6"
}

variable "api_key" {
  type      = string
  sensitive = true
  default   = "********"
}
