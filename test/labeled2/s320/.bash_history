docker ps
docker login -u acme -p «A11»x! registry.acme.io
docker push registry.acme.io/api:1.4.2
