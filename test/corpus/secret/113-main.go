package main

import "fmt"

const slackWebhookUrl = "https://hooks.slack.com/services/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"

func main() {
	fmt.Println("starting")
}
