#!/usr/bin/env bash
set -euo pipefail

cat > /etc/acme/env <<EOF
REGION=eu-west-1
BRAINTREE_ACCESS_TOKEN=access_token$production$«a16»$«h32»
EOF

systemctl restart acme
