#!/usr/bin/env bash
set -euo pipefail
export COMMIT_SHA="«h40»"
./bin/migrate && ./bin/start
