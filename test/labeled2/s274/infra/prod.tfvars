region      = "eu-west-1"
instance_type = "t3.small"
sops_age_key = "AGE-SECRET-KEY-1«Q58»"
