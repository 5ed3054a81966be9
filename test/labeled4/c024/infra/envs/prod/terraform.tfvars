region        = "eu-west-1"
instance_type = "t3.medium"
gh_pat = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
