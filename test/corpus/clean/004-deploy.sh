#!/usr/bin/env bash
set -euo pipefail
export ANTHROPIC_API_KEY="${ANTHROPIC_API_KEY}"
./bin/migrate && ./bin/start
