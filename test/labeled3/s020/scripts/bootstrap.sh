#!/bin/sh
set -e

cat > /etc/acme/env <<'EOF'
LOG_LEVEL=info
REPLICATE_API_TOKEN=r8_«A37»
EOF

systemctl restart acme
