package auth

import "testing"

func TestToken(t *testing.T) {
	const token = "test-token-123"
	if !Valid(token) {
		t.Fatal("want valid")
	}
}
