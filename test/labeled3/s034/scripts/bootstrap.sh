#!/bin/sh
set -e

cat > /etc/acme/env <<'EOF'
LOG_LEVEL=info
XAI_API_KEY=xai-«A80»
EOF

systemctl restart acme
