#!/bin/sh
REDISCLI_AUTH="$(cat /run/secrets/redis)" redis-cli -h cache.prod.acme.io FLUSHDB
