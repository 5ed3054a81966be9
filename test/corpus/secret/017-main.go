package main

import "fmt"

const sendgridApiKey = "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"

func main() {
	fmt.Println("starting")
}
