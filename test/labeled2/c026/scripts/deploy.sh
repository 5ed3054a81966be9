#!/usr/bin/env bash
set -euo pipefail

export AWS_REGION=us-east-1
export SLACK_BOT_TOKEN="REPLACE_ME"

./bin/migrate
./bin/release --env production
