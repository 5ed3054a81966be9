resource "tls_locally_signed_cert" "api" {
  ca_private_key_pem = <<EOT
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
«b70»
«b70»
«b70»
«b70»
«b70»
«b28»==
-----END OPENSSH PRIVATE KEY-----
EOT
}
