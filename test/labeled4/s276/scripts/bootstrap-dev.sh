#!/usr/bin/env bash
# bootstrap a developer machine
cat >> ~/.zshrc <<'EOF'
export WEBHOOK_SIGNING_SECRET="«h64»"
export BRAINTREE_ACCESS_TOKEN="access_token$production$«a16»$«h32»"
export PAYPAL_CLIENT_SECRET="E«u79»"
export ANTHROPIC_API_KEY="sk-ant-api03-«u93»AA"
EOF
