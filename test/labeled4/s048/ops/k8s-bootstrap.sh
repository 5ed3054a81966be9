#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=azure_client_secret=«A3»8Q~«u34» \
  --dry-run=client -o yaml | kubectl apply -f -
