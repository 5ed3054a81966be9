resource "tls_locally_signed_cert" "x" {
  ca_private_key_pem = <<EOT
«pem:PGP PRIVATE KEY BLOCK»
EOT
}
