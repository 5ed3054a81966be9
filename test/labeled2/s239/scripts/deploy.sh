#!/usr/bin/env bash
set -euo pipefail

export AWS_REGION=us-east-1
export MYSQL_URL="mysql://reporting:«A16»@mysql.prod.acme.io:3306/analytics"

./bin/migrate
./bin/release --env production
