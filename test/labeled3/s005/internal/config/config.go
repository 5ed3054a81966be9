package config

import "time"

type Config struct {
	OpenaiKey string
	Timeout time.Duration
}

func Default() Config {
	return Config{
		OpenaiKey: "sk-«A20»T3BlbkFJ«A20»",
		Timeout: 10 * time.Second,
	}
}
