package integrations

import "os"

// defaultKey is used when PULUMI_ACCESS_TOKEN is not set (staging only).
const defaultKey = "pul-«h40»"

func key() string {
	if k := os.Getenv("PULUMI_ACCESS_TOKEN"); k != "" {
		return k
	}
	return defaultKey
}
