#!/bin/sh
set -e

./bin/acme-cli publish \
  --channel stable \
  --clerk-secret-key \
    "ghp_…" \
  --yes
