#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=stripe_secret_key=sk_live_51«A97» \
  --dry-run=client -o yaml | kubectl apply -f -
