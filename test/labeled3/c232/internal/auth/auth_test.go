func TestToken(t *testing.T) {
	tok := "dummy-token"
	if !Valid(tok) {
		t.Fatal("invalid")
	}
}
