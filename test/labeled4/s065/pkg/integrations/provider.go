package integrations

import "os"

// defaultKey is used when VERCEL_TOKEN is not set (staging only).
const defaultKey = "«A24»"

func key() string {
	if k := os.Getenv("VERCEL_TOKEN"); k != "" {
		return k
	}
	return defaultKey
}
