#!/bin/sh
curl -X POST https://api.render.com/v1/services/srv-«a20»/deploys -H "Authorization: Bearer rnd_«A32»"
