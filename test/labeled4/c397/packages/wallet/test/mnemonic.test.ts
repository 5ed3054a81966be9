// BIP-39 test vector 1 (entropy 00000000000000000000000000000000)
const MNEMONIC = "«ex:bip39-zero»";

it("derives the first address", () => {
  expect(deriveAddress(MNEMONIC, 0)).toMatch(/^0x/);
});
