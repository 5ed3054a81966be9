provider "registry.terraform.io/hashicorp/google" {
  version     = "6.8.0"
  constraints = "~> 6.0"
  hashes = [
    "h1:«b43»=",
    "zh:«h64»",
    "zh:«h64»",
  ]
}
