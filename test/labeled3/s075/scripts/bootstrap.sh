#!/bin/sh
set -e

cat > /etc/acme/env <<'EOF'
LOG_LEVEL=info
HEROKU_API_KEY=HRKU-AA«u58»
EOF

systemctl restart acme
