#!/bin/sh
curl -s "https://graph.facebook.com/v19.0/me/accounts?access_token=EAAB«A180»" | jq .
