#!/usr/bin/env bash
set -euo pipefail
export JWT_SIGNING_KEY="«b64»"
./bin/migrate && ./bin/start
