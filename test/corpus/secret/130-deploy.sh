#!/usr/bin/env bash
set -euo pipefail
export API_KEY="«h32»"
./bin/migrate && ./bin/start
