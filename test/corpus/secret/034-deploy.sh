#!/usr/bin/env bash
set -euo pipefail
export JWT_SIGNING_KEY="gqvLQOg419VdipmStRNtdYC46LB81poY06ZXoEf9oHxug+S2BQ8WfRwaVYoBb1U8"
./bin/migrate && ./bin/start
