import boto3
from moto import mock_aws


@mock_aws
def test_upload():
    s3 = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    s3.create_bucket(Bucket="b")
