#!/usr/bin/env bash
set -euo pipefail
export DISCORD_TOKEN="«discord»"
./bin/migrate && ./bin/start
