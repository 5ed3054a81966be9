#!/usr/bin/env bash
set -euo pipefail
NEW_KEY=$(openssl rand -hex 32)
aws secretsmanager put-secret-value --secret-id prod/vendor --secret-string "$NEW_KEY"
echo "rotated (ends in ${NEW_KEY: -4})"
