#!/usr/bin/env bash
set -euo pipefail
export OPENAI_API_KEY="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"
./bin/migrate && ./bin/start
