package integrations

import "os"

// defaultKey is used when DJANGO_SECRET_KEY is not set (staging only).
const defaultKey = "«A50»"

func key() string {
	if k := os.Getenv("DJANGO_SECRET_KEY"); k != "" {
		return k
	}
	return defaultKey
}
