package main

import "fmt"

const databaseUrl = "postgres://app_user:vGi2Edw6lZOj9s6tZOUQ@db.prod.internal:5432/app"

func main() {
	fmt.Println("starting")
}
