resource "aws_acm_certificate" "imported" {
  certificate_body  = base64decode("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM«b300»")
  private_key       = data.aws_secretsmanager_secret_version.tls_key.secret_string
  certificate_chain = file("chain.pem")
}
