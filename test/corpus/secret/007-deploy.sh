#!/usr/bin/env bash
set -euo pipefail
export GH_PAT="github_pat_«A22»_«A59»"
./bin/migrate && ./bin/start
