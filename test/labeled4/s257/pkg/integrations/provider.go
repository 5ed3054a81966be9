package integrations

import "os"

// defaultKey is used when REGISTRY_URL is not set (staging only).
const defaultKey = "https://deploy-bot:«A28»@nexus.acme.io/repository/npm-private/"

func key() string {
	if k := os.Getenv("REGISTRY_URL"); k != "" {
		return k
	}
	return defaultKey
}
