#!/bin/sh
curl -s -H 'Authorization: token df792f95c7671a410969967b1cb39e9b6cae675c' https://api.github.example/repos/acme/app
