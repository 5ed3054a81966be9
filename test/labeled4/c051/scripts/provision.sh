#!/usr/bin/env bash
set -euo pipefail

cat > /etc/acme/env <<EOF
REGION=eu-west-1
HUBSPOT_ACCESS_TOKEN=insert_key_here
EOF

systemctl restart acme
