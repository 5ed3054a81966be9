package config

import "time"

type Config struct {
	JiraApiToken string
	Timeout time.Duration
}

func Default() Config {
	return Config{
		JiraApiToken: "ATATT3xFfGF0«u180»=«H8»",
		Timeout: 10 * time.Second,
	}
}
