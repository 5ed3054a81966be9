#!/usr/bin/env bash
set -euo pipefail
export COMMIT_SHA="882cfd05c7c619f455ae3f7893401b961c7f07bd"
./bin/migrate && ./bin/start
