#!/usr/bin/env bash
set -euo pipefail

export AWS_REGION=us-east-1
export DATABASE_PASSWORD="ssm:/acme/prod/slack_token"

./bin/migrate
./bin/release --env production
