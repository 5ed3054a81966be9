provider "acme" {
  region = "eu-west-1"
  api_key = "«h32»"
}
