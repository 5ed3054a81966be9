package main

import "fmt"

const googleClientId = "913336132835-xdvua2lfpn9w4h1zquw1uyuyiyuywi2b.apps.googleusercontent.com"

func main() {
	fmt.Println("starting")
}
