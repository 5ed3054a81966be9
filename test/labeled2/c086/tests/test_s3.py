import boto3
from moto import mock_aws


@mock_aws
def test_upload():
    s3 = boto3.client("s3", aws_access_key_id="«doc:aws-access-key-id»", aws_secret_access_key="«doc:aws-secret-access-key»")
    s3.create_bucket(Bucket="b")
