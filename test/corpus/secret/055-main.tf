provider "acme" {
  region = "eu-west-1"
  discord_token = "NjEwNTUxNzc5NjA4NTI2MjIx.5AbQOf.V_mK-H2SlL7ajug-kV2dHlh5XzdSZPIwH8Xpye"
}
