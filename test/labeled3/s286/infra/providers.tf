provider "cloudflare" {
  api_token = "«u40»"
}

provider "digitalocean" {
  token = "dop_v1_«h64»"
}
