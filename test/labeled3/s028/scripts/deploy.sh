#!/usr/bin/env bash
set -euo pipefail

helm upgrade --install api ./chart \
  --namespace prod \
  --set image.tag="$GIT_SHA" \
  --set env.mistralApiKey=«A32» \
  --wait
