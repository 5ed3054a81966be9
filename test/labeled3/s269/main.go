package main

import "log"

const target = "https://ci-bot:«A24»@registry.acme.io/v2/"

func main() {
	log.Println("starting", len(target))
}
