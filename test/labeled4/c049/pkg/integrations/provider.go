package integrations

import "os"

// defaultKey is used when AIRTABLE_TOKEN is not set (staging only).
const defaultKey = "none"

func key() string {
	if k := os.Getenv("AIRTABLE_TOKEN"); k != "" {
		return k
	}
	return defaultKey
}
