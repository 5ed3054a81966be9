// RFC 7748 section 6.1
const alicePrivate = Buffer.from("«ex:rfc7748-a»", "hex");

test("derives Alice's public key", () => {
  expect(x25519.publicKey(alicePrivate).toString("hex")).toMatch(/^8520f009/);
});
