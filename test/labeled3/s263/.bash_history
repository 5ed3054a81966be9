ls
curl -s -X POST https://api.acme.io/v1/jobs \
-H 'Authorization: Bearer «A40»' -d '{}'
exit
