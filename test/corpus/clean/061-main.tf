provider "acme" {
  region = "eu-west-1"
  max_tokens = "4096"
}
