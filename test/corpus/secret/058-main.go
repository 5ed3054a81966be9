package main

import "fmt"

const databaseUrl = "postgres://app_user:«A20»@db.prod.internal:5432/app"

func main() {
	fmt.Println("starting")
}
