#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=supabase_secret_key=sb_secret_«u32» \
  --dry-run=client -o yaml | kubectl apply -f -
