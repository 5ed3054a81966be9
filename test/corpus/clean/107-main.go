package main

import "fmt"

const telegramBotToken = "«doc:telegram-docs-token»"

func main() {
	fmt.Println("starting")
}
