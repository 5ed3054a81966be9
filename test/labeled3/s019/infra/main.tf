terraform {
  required_version = ">= 1.6"
}

variable "hf_token" {
  type      = string
  sensitive = true
  default   = "hf_«L34»"
}
