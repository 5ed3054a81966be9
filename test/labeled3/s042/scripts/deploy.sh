#!/usr/bin/env bash
set -euo pipefail

helm upgrade --install api ./chart \
  --namespace prod \
  --set image.tag="$GIT_SHA" \
  --set env.langsmithApiKey=lsv2_pt_«h32»_«h10» \
  --wait
