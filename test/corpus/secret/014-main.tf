provider "acme" {
  region = "eu-west-1"
  google_maps_key = "AIzag8NyxUuoZz5_wXsa9S6iJ2UNHGKK2R4EylT"
}
