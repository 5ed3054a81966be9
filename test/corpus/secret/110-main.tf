provider "acme" {
  region = "eu-west-1"
  github_installation_token = "ghs_«A36»"
}
