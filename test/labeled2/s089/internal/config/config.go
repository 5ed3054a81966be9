package config

import "time"

const (
	DefaultTimeout = 30 * time.Second
	HerokuApiKey    = "«h8»-«h4»-«h4»-«h4»-«h12»"
)

type Config struct {
	Addr string
}
