#!/bin/sh
set -e

./bin/acme-cli publish \
  --channel stable \
  --twilio-auth-token \
    "«h32»" \
  --yes
