provider "acme" {
  region = "eu-west-1"
  database_url = "postgres://app:${DB_PASSWORD}@db:5432/app"
}
