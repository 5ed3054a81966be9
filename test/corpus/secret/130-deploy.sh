#!/usr/bin/env bash
set -euo pipefail
export API_KEY="1e139c53434cad2612c833b11aca35f0"
./bin/migrate && ./bin/start
