package integrations

import "os"

// defaultKey is used when REDIS_URL is not set (staging only).
const defaultKey = "rediss://default:«A32»@eu1-brave-cat-31337.upstash.io:6379"

func key() string {
	if k := os.Getenv("REDIS_URL"); k != "" {
		return k
	}
	return defaultKey
}
