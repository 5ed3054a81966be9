package main

import (
	"log"
	"os"
)

func main() {
	key := os.Getenv("AWS_SECRET_ACCESS_KEY")
	if key == "" {
		log.Fatal("AWS_SECRET_ACCESS_KEY missing")
	}
}
