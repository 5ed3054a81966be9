provider "google" {
  project     = "acme-prod"
  credentials = <<EOF
{"type":"service_account","project_id":"acme-prod","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC«b32»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b28»==\n-----END PRIVATE KEY-----\n","client_email":"tf@acme-prod.iam.gserviceaccount.com"}
EOF
}
