#!/usr/bin/env bash
set -euo pipefail

docker run --rm -it \
  -p 8080:8080 \
  -e NODE_ENV=development \
  -e NPM_TOKEN=npm_«A36» \
  registry.acme.io/api:latest
