region      = "eu-west-1"
instance_type = "t3.small"
sendgrid_api_key = "SG.«u22».«u43»"
