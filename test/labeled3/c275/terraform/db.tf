data "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/db"
}
password = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]
