#!/usr/bin/env bash
set -euo pipefail
export GOOGLE_MAPS_KEY="AIzawCbUOo58yUok_PIAsax6jVY1Yluyfh7Omat"
./bin/migrate && ./bin/start
