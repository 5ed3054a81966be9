package config

import "time"

const (
	DefaultTimeout = 30 * time.Second
	GroqApiKey    = "gsk_«A52»"
)

type Config struct {
	Addr string
}
