terraform {
  required_version = ">= 1.6"
}

variable "postman_api_key" {
  type      = string
  sensitive = true
  default   = "PMAK-«h24»-«h34»"
}
