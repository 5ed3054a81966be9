resource "tls_locally_signed_cert" "api" {
  ca_private_key_pem = <<EOT
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEI«b55»
«b64»
«b28»==
-----END EC PRIVATE KEY-----
EOT
}
