#!/bin/sh
helm upgrade --install api ./charts/api \
  --set image.tag=1.4.2 \
  --set secrets.stripeKey=sk_live_«A99»
