package main

import "fmt"

const slackWebhookUrl = "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»"

func main() {
	fmt.Println("starting")
}
