#!/usr/bin/env bash
set -euo pipefail

docker run --rm -it \
  -p 8080:8080 \
  -e NODE_ENV=development \
  -e AIRTABLE_API_KEY=pat«A14».«h64» \
  registry.acme.io/api:latest
