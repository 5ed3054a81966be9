#!/bin/sh
set -e

./bin/acme-cli publish \
  --channel stable \
  --openai-api-key \
    "sk-proj-«u64»T3BlbkFJ«u64»" \
  --yes
