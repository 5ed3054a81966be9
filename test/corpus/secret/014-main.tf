provider "acme" {
  region = "eu-west-1"
  google_maps_key = "AIza«u35»"
}
