/**
 * The test helpers that compare and search for secrets: each fails when it
 * should, and its failure message never holds the secret.
 */
import { describe, expect, it } from "vitest";
import {
  assertHasSecrets,
  assertMatches,
  assertNoMatch,
  assertNoSecrets,
  assertNoValue,
  assertSameData,
  assertSameSecret,
  fakeSecret,
  hideSecrets,
} from "../helpers/secrets.js";

/** The message a check throws ("" when it passes). */
function messageOf(check: () => void): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("secret assertions", () => {
  const secret = fakeSecret("sk-test");
  const other = fakeSecret("sk-other");

  it("assertNoSecrets names the secret and the text by index and length", () => {
    expect(messageOf(() => assertNoSecrets(["clean", "also clean"], [secret]))).toBe("");
    const message = messageOf(() => assertNoSecrets(["clean", `x ${secret} y`], [other, secret]));
    expect(message).toBe(`secret #1 (length ${secret.length}) leaked into text #1`);
  });

  it("assertHasSecrets checks a text by substring and a list by item", () => {
    expect(messageOf(() => assertHasSecrets(`a${secret}b`, [secret]))).toBe("");
    expect(messageOf(() => assertHasSecrets([secret, other], [other, secret]))).toBe("");
    expect(messageOf(() => assertHasSecrets([`a${secret}`], [secret], "the list"))).toBe(`the list (length 1) does not contain secret #0 (length ${secret.length})`);
  });

  it("assertSameSecret and assertSameData report paths, kinds and lengths, never values", () => {
    expect(messageOf(() => assertSameSecret(secret, `${secret}`))).toBe("");
    const changed = `${secret.slice(0, 10)}!${secret.slice(11)}`;
    const one = messageOf(() => assertSameSecret(changed, secret, "the vault value"));
    // Checked first, so the checks below never print a secret.
    assertNoSecrets([one], [secret, changed]);
    expect(one).toContain("the vault value differs");
    expect(one).toContain(`a string of length ${secret.length}, expected a string of length ${secret.length}, first difference at index 10`);
    expect(messageOf(() => assertSameSecret(undefined, secret))).toContain("(top): missing, expected a string");

    const expected = { credentials: { A: { value: secret }, B: { value: other } }, list: [secret] };
    expect(messageOf(() => assertSameData(structuredClone(expected), expected))).toBe("");
    const data = messageOf(() => assertSameData({ credentials: { A: { value: other } }, list: [secret, secret] }, expected, "the document"));
    assertNoSecrets([data], [secret, other]);
    expect(data).toContain("credentials.A.value: a string of length");
    expect(data).toContain("credentials.B: missing, expected an object with keys [value]");
    expect(data).toContain("list[1]: a string of length");
    expect(messageOf(() => assertSameData(new Map([["K", secret]]), { K: secret }))).toBe("");
  });

  it("assertNoValue, assertMatches and assertNoMatch show no text", () => {
    expect(messageOf(() => assertNoValue(undefined))).toBe("");
    expect(messageOf(() => assertNoValue(secret, "X"))).toBe(`X is a string of length ${secret.length}, expected nothing`);
    const key = /sk-test-[0-9a-f]{24}/g;
    expect(messageOf(() => assertMatches(secret, key))).toBe("");
    // A global pattern keeps no state between calls.
    expect(messageOf(() => assertMatches(secret, key))).toBe("");
    expect(messageOf(() => assertMatches("nothing", key, "stdout"))).toBe(`stdout (length 7) does not match ${String(key)}`);
    expect(messageOf(() => assertNoMatch(`ab${secret}`, key, "stderr"))).toBe(`stderr (length ${secret.length + 2}) matches ${String(key)} at index 2`);
    expect(messageOf(() => assertNoMatch("clean", key))).toBe("");
  });

  it("hideSecrets replaces each secret by its index", () => {
    expect(hideSecrets(`${secret} and ${other} and ${secret}`, [other, secret])).toBe("<secret #1> and <secret #0> and <secret #1>");
    expect(hideSecrets("none", ["", secret])).toBe("none");
  });
});
