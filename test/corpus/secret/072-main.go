package main

import "fmt"

const awsAccessKeyId = "AKIA«216»"

func main() {
	fmt.Println("starting")
}
