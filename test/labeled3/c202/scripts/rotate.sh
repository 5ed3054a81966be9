#!/bin/sh
NEW_TOKEN=$(openssl rand -hex 32)
aws secretsmanager put-secret-value --secret-id prod/api --secret-string "$NEW_TOKEN"
