#!/bin/sh
set -e

./bin/acme-cli publish \
  --channel stable \
  --cloudflare-api-token \
    "«u40»" \
  --yes
