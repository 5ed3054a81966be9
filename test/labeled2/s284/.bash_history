curl -s https://registry.acme.io/v2/_catalog -H "Authorization: Basic «basicauth»"
history | tail
