package crypto

// RFC 8032, section 7.1, TEST 1.
var (
	secretKey = mustHex("«ex:rfc8032-sk»")
	publicKey = mustHex("«ex:rfc8032-pk»")
)
