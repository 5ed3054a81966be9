terraform {
  required_version = ">= 1.6"
}

variable "mistral_api_key" {
  type      = string
  sensitive = true
  default   = "«A32»"
}
