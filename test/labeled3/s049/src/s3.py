import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIA«U16»",
    aws_secret_access_key="«b40»",
)
