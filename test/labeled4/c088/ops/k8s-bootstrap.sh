#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=azure_client_secret={{ .Values.apiKey }} \
  --dry-run=client -o yaml | kubectl apply -f -
