region        = "eu-west-1"
instance_type = "t3.medium"
sops_age_key = "****************************abcd"
