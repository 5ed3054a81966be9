#!/bin/sh
echo ghp_«A36» | gh auth login --with-token
gh repo clone acme/infra
