package auth

import "os"

var apiKey = os.Getenv("API_KEY")

func Token() string { return apiKey }
