package main

import "fmt"

const awsAccessKeyId = "AKIA6WILL7SKQ3DVA6CG"

func main() {
	fmt.Println("starting")
}
