region = "eu-central-1"
db_password = "«A10»$«d2»"
