provider "acme" {
  region = "eu-west-1"
  jwt = "«doc:jwt-io»"
}
