package config

import "time"

const (
	DefaultTimeout = 30 * time.Second
	SendgridApiKey    = "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/ApiKey/)"
)

type Config struct {
	Addr string
}
