package gh

import (
	"net/http"
	"os"
)

func set(req *http.Request) { req.Header.Set("Authorization", "token "+os.Getenv("GITHUB_TOKEN")) }
