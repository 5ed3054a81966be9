package main

import "fmt"

const telegramBotToken = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"

func main() {
	fmt.Println("starting")
}
