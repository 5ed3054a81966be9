resource "tls_locally_signed_cert" "api" {
  ca_private_key_pem = <<EOT
-----BEGIN PGP PRIVATE KEY BLOCK-----

«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b28»==
-----END PGP PRIVATE KEY BLOCK-----
EOT
}
