package main

import (
	"log"
	"os"
)

func main() {
	key := os.Getenv("HF_TOKEN")
	if key == "" {
		log.Fatal("HF_TOKEN missing")
	}
}
