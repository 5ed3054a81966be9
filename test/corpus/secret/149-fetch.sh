#!/bin/sh
curl -s -H 'Authorization: token «h40»' https://api.github.example/repos/acme/app
