#!/bin/bash
# Creates the search domain's roles once the domain answers. DOMAIN_ENDPOINT, DOMAIN_ADMIN_UNAME and
# DOMAIN_ADMIN_PW are replaced by the deployment before this runs.
set -e
sleep 60
curl -s -XGET -u DOMAIN_ADMIN_UNAME:DOMAIN_ADMIN_PW 'https://DOMAIN_ENDPOINT'
sleep 10
curl -s -XPUT -u DOMAIN_ADMIN_UNAME:DOMAIN_ADMIN_PW 'https://DOMAIN_ENDPOINT/_plugins/_security/api/roles/reader' \
  -H 'Content-Type: application/json' -d '{"index_permissions":[{"index_patterns":["logs-*"],"allowed_actions":["read"]}]}'
