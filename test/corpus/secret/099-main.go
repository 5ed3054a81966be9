package main

import "fmt"

const dbPassword = "d7pZ2zg!29Pgc"

func main() {
	fmt.Println("starting")
}
