#!/usr/bin/env bash
set -euo pipefail
export JWT_SECRET="{{ .Values.jwtSecret }}"
./bin/migrate && ./bin/start
