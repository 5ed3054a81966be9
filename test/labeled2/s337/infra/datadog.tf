provider "datadog" {
  api_key = var.datadog_api_key
  app_key = "«h40»"
}
