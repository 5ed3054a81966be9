require "aws-sdk-s3"

client = Aws::S3::Client.new(
  region: "us-east-1",
  credentials: Aws::Credentials.new("AKIA«U16»", "«b40»")
)
