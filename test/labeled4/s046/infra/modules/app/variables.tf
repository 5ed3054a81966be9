variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "azure_storage_connection_string" {
  type        = string
  description = "Vendor key for the app"
  default     = "DefaultEndpointsProtocol=https;AccountName=acmeexports;AccountKey=«b86»==;EndpointSuffix=core.windows.net"
}
