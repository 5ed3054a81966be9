#!/usr/bin/env bash
# bootstrap a developer machine
cat >> ~/.zshrc <<'EOF'
export NETLIFY_AUTH_TOKEN="nfp_«A36»"
export DEEPSEEK_API_KEY="sk-«h32»"
export ANTHROPIC_API_KEY="sk-ant-api03-«u93»AA"
EOF
