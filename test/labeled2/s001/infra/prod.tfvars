region      = "eu-west-1"
instance_type = "t3.small"
openai_api_key = "sk-proj-«u74»T3BlbkFJ«u74»"
