#!/usr/bin/env bash
set -euo pipefail
export GOOGLE_MAPS_KEY="AIza«u35»"
./bin/migrate && ./bin/start
