#!/bin/sh
[ -n "$API_KEY" ] || { echo 'API_KEY is not set' >&2; exit 1; }
