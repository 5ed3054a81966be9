provider "registry.terraform.io/hashicorp/aws" {
  version = "5.70.0"
  hashes = [
    "h1:«b43»=",
    "zh:«h64»",
  ]
}
