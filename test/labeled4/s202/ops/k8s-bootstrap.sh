#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=database_url=postgresql://app_rw:«A22»@pg-main.internal.acme.io:5432/orders?sslmode=require \
  --dry-run=client -o yaml | kubectl apply -f -
