#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=airtable_token=pat«A14».«h64» \
  --dry-run=client -o yaml | kubectl apply -f -
