data "aws_kms_secrets" "db" {
  secret {
    name    = "master_password"
    payload = "AQICAH«b200»=="
  }
}
