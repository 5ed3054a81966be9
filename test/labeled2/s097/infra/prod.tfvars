region      = "eu-west-1"
instance_type = "t3.small"
netlify_auth_token = "nfp_«A36»"
