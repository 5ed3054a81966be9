provider "aws" {
  region     = "us-east-1"
  access_key = "AKIA«U16»"
  secret_key = "«b40»"
}
