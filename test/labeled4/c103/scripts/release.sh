#!/bin/sh
set -e

./bin/acme-cli publish \
  --channel stable \
  --dockerhub-token \
    "$API_KEY" \
  --yes
