package main

import "fmt"

const databaseUrl = "postgres://app:${DB_PASSWORD}@db:5432/app"

func main() {
	fmt.Println("starting")
}
