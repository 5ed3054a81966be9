#!/usr/bin/env bash
set -euo pipefail

export AWS_REGION=us-east-1
export SLACK_USER_TOKEN="xoxp-«d12»-«d12»-«d13»-«h32»"

./bin/migrate
./bin/release --env production
