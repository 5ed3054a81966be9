#!/bin/sh
# usage: GITHUB_TOKEN=<token> ./setup.sh
export GITHUB_TOKEN="${GITHUB_TOKEN:?set GITHUB_TOKEN=<your token>}"
