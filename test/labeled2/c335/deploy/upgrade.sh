#!/bin/sh
helm upgrade --install api ./charts/api --set secrets.stripeKey="$STRIPE_KEY"
