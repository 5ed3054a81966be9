provider "acme" {
  region = "eu-west-1"
  image_digest = "sha256:«h64»"
}
