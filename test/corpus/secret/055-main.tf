provider "acme" {
  region = "eu-west-1"
  discord_token = "«discord»"
}
