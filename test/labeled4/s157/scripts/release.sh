#!/bin/sh
set -e

./bin/acme-cli publish \
  --channel stable \
  --hubspot-access-token \
    "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»" \
  --yes
