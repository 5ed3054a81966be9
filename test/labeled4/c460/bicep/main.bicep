@secure()
param sqlAdminPassword string

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'acme-kv'
}

var apiKey = kv.getSecret('vendor-api-key')
