#!/usr/bin/env bash
set -euo pipefail

cat > /etc/acme/env <<EOF
REGION=eu-west-1
OPENAI_KEY=sk-svcacct-«u64»T3BlbkFJ«u64»
EOF

systemctl restart acme
