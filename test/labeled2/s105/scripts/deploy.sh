#!/usr/bin/env bash
set -euo pipefail

export AWS_REGION=us-east-1
export GH_TOKEN="github_pat_«A22»_«A59»"

./bin/migrate
./bin/release --env production
