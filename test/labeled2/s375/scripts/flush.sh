#!/bin/sh
redis-cli -h cache.prod.acme.io -a «A24» FLUSHDB
