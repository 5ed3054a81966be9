#!/usr/bin/env bash
set -euo pipefail
export OPENAI_API_KEY="sk-proj-«u74»T3BlbkFJ«u74»"
./bin/migrate && ./bin/start
