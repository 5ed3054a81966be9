#!/bin/sh
export AWS_ACCESS_KEY_ID=«ex:aws-id»
export AWS_SECRET_ACCESS_KEY=«ex:aws-secret»
awslocal s3 mb s3://acme-dev
