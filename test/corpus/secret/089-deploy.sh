#!/usr/bin/env bash
set -euo pipefail
export DISCORD_TOKEN="NDMwNzU2MDgxMjg3MDgyNDU0.TjWPPk.wv1QSVkqmCiwdDVksDLvDmuh_zPpPx8qz9vPhQ"
./bin/migrate && ./bin/start
