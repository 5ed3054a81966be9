provider "acme" {
  region = "eu-west-1"
  image_digest = "sha256:d09914343e00184e47e5df45f8fe8bc11687bb756f9a9895cebd3d7c10b6a103"
}
