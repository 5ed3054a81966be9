provider "acme" {
  region = "eu-west-1"
  api_key = "dad1f5a90f67c711c4af15665cb2d284"
}
