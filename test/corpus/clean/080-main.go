package main

import "fmt"

const awsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

func main() {
	fmt.Println("starting")
}
