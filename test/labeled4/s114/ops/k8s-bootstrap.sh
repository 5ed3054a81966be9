#!/bin/bash
kubectl create secret generic app-env \
  --namespace prod \
  --from-literal=slack_webhook_url=https://hooks.slack.com/services/T«U10»/B«U10»/«A24» \
  --dry-run=client -o yaml | kubectl apply -f -
