package main

import "fmt"

const dbPassword = "«A7»!«d2»«L3»"

func main() {
	fmt.Println("starting")
}
