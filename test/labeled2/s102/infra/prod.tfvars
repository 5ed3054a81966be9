region      = "eu-west-1"
instance_type = "t3.small"
gh_token = "github_pat_«A22»_«A59»"
