package main

import "fmt"

const awsSecretAccessKey = "«doc:aws-secret-access-key»"

func main() {
	fmt.Println("starting")
}
