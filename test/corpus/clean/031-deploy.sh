#!/usr/bin/env bash
set -euo pipefail
export HF_TOKEN="hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
./bin/migrate && ./bin/start
