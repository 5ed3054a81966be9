#!/usr/bin/env bash
set -euo pipefail

helm upgrade --install api ./chart \
  --namespace prod \
  --set image.tag="$GIT_SHA" \
  --set env.jiraApiToken=ATATT3xFfGF0«u180»=«H8» \
  --wait
