package config

import "time"

const (
	DefaultTimeout = 30 * time.Second
	SquareAccessToken    = "EAAA«u60»"
)

type Config struct {
	Addr string
}
