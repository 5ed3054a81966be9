#!/usr/bin/env bash
export GITHUB_TOKEN=ghp_«A36»
echo "//registry.npmjs.org/:_authToken=npm_«A36»" > ~/.npmrc
npm publish
