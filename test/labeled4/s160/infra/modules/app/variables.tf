variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "asana_pat" {
  type        = string
  description = "Vendor key for the app"
  default     = "2/«d16»/«d16»:«h32»"
}
