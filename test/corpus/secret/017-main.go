package main

import "fmt"

const sendgridApiKey = "SG.«u22».«u43»"

func main() {
	fmt.Println("starting")
}
