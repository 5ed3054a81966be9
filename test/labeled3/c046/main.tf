provider "cloudflare" {
  api_token = "<CLOUDFLARE_API_TOKEN>"
}
