region = "eu-central-1"
db_password = "0RQVVteUso$27"
