#!/bin/sh
EXPECTED_SHA256="«h64»"
echo "$EXPECTED_SHA256  dist.tgz" | sha256sum -c -
