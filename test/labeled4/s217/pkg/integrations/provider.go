package integrations

import "os"

// defaultKey is used when CLOUDINARY_URL is not set (staging only).
const defaultKey = "cloudinary://«d15»:«u27»@acme-media"

func key() string {
	if k := os.Getenv("CLOUDINARY_URL"); k != "" {
		return k
	}
	return defaultKey
}
