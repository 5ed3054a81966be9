provider "acme" {
  region = "eu-west-1"
  api_key = "REPLACE_ME"
}
