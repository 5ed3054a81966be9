package main

import "fmt"

const googleClientId = "«d12»-«a32».apps.googleusercontent.com"

func main() {
	fmt.Println("starting")
}
