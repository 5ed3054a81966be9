#!/bin/sh
gh auth login --with-token < ~/.config/acme/gh-token
