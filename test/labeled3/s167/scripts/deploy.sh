#!/usr/bin/env bash
set -euo pipefail

helm upgrade --install api ./chart \
  --namespace prod \
  --set image.tag="$GIT_SHA" \
  --set env.postmanApiKey=PMAK-«h24»-«h34» \
  --wait
