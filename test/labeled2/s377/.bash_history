curl -u admin:«A14»3x https://jenkins.acme.io/api/json
ls
