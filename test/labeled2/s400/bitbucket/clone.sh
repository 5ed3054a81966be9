#!/bin/sh
git clone https://acme-bot:ATBB«A32»«H8»@bitbucket.org/acme/api.git
