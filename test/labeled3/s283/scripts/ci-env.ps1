$env:AWS_ACCESS_KEY_ID = "AKIA«U16»"
$env:AWS_SECRET_ACCESS_KEY = "«b40»"
$env:VAULT_ADDR = "https://vault.acme.io"
$env:VAULT_TOKEN = "hvs.«u90»"
