provider "acme" {
  region = "eu-west-1"
  github_token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
}
