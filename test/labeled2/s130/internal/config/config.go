package config

import "time"

const (
	DefaultTimeout = 30 * time.Second
	DockerhubToken    = "dckr_pat_«u27»"
)

type Config struct {
	Addr string
}
