#!/usr/bin/env bash
curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.example/deploy
echo "token length: ${#API_TOKEN}"
