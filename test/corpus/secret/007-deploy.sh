#!/usr/bin/env bash
set -euo pipefail
export GH_PAT="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"
./bin/migrate && ./bin/start
