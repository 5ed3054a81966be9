provider "acme" {
  region = "eu-west-1"
  github_installation_token = "ghs_o5RNuG9rQj58V1UQPa77O7ti6Zuvd8dZkDLH"
}
