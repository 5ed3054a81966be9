import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyFingerprint } from "../../src/core/crypto.js";
import {
  EXPORTED_KEY_PREFIX,
  exportRepoKey,
  newRepoKey,
  parseExportedKey,
  resolveRepoKey,
  unlockKeyFromText,
  storedKeyMatching,
} from "../../src/core/key-material.js";
import { errorCode } from "../helpers/errors.js";

const cheapKdf = { name: "scrypt" as const, logN: 10, r: 8, p: 1, salt: "c2FsdHNhbHRzYWx0c2FsdA" };

describe("exported key", () => {
  it("round-trips any 32-byte key as one line", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const line = exportRepoKey(Buffer.from(bytes));
        expect(line.startsWith(EXPORTED_KEY_PREFIX)).toBe(true);
        expect(line).toMatch(/^BACKPACK-KEY-1:[A-Za-z0-9_-]{43}$/);
        expect(parseExportedKey(line)?.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it("tolerates surrounding white space (a pasted line, a trailing newline)", () => {
    const key = randomBytes(32);
    expect(parseExportedKey(`  ${exportRepoKey(key)}\r\n`)?.equals(key)).toBe(true);
  });

  it("is not a key without the prefix (so AGENT_MASTER_KEY is read as a passphrase)", () => {
    expect(parseExportedKey(randomBytes(32).toString("base64url"))).toBeUndefined();
    expect(unlockKeyFromText("hunter2").kind).toBe("passphrase");
  });

  it.each([
    ["one character short", (line: string) => line.slice(0, -1)],
    ["one character long", (line: string) => `${line}A`],
    ["a character outside base64url", (line: string) => `${line.slice(0, -2)}+${line.slice(-1)}`],
    ["standard base64 padding", (line: string) => `${line}=`],
    ["nothing after the prefix", () => EXPORTED_KEY_PREFIX],
  ])("a damaged key (%s) fails as INVALID_FILE", (_what, damage) => {
    const line = exportRepoKey(Buffer.alloc(32, 0));
    expect(errorCode(() => parseExportedKey(damage(line)))).toBe("INVALID_FILE");
  });

  it("the last character carries 4 spare bits: only the canonical one is accepted", () => {
    // 32 bytes = 256 bits = 42 full base64 characters + 4 bits in the 43rd.
    const line = exportRepoKey(Buffer.alloc(32, 0));
    expect(line.endsWith("A")).toBe(true);
    expect(errorCode(() => parseExportedKey(`${line.slice(0, -1)}B`))).toBe("INVALID_FILE");
  });
});

describe("repo keys", () => {
  it("the fingerprint is 16 hex digits, stable, and not a prefix of the key", () => {
    const key = Buffer.alloc(32, 3);
    const repoKey = newRepoKey(key);
    expect(repoKey.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(repoKey.fingerprint).toBe(keyFingerprint(Buffer.alloc(32, 3)));
    expect(key.toString("hex")).not.toContain(repoKey.fingerprint);
    expect(newRepoKey(Buffer.alloc(32, 4)).fingerprint).not.toBe(repoKey.fingerprint);
  });

  it("refuses anything but 32 random bytes", () => {
    expect(errorCode(() => newRepoKey(Buffer.alloc(31)))).toBe("INTERNAL");
  });

  it("copies the random bytes (a caller reusing its buffer cannot change the key)", () => {
    const random = Buffer.alloc(32, 5);
    const repoKey = newRepoKey(random);
    random.fill(6);
    expect(repoKey.key.equals(Buffer.alloc(32, 5))).toBe(true);
  });
});

describe("passphrases", () => {
  it("one passphrase and salt always give one key; another salt or passphrase another key", () => {
    const a = resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: cheapKdf });
    const b = resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: { ...cheapKdf } });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.kdf).toEqual(cheapKdf);
    expect(resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: { ...cheapKdf, salt: "b3RoZXJzYWx0b3RoZXJzYWx0" } }).fingerprint).not.toBe(a.fingerprint);
    expect(resolveRepoKey({ kind: "passphrase", passphrase: "pw2", kdf: cheapKdf }).fingerprint).not.toBe(a.fingerprint);
  });

  it("the header's KDF parameters win over the repository's", () => {
    const header = { ...cheapKdf, salt: "aGVhZGVyc2FsdGhlYWRlcnNhbHQ" };
    const key = resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: cheapKdf }, header);
    expect(key.kdf).toEqual(header);
  });

  it("composed and decomposed unicode passphrases give the same key (NFC)", () => {
    const composed = resolveRepoKey({ kind: "passphrase", passphrase: "caf\u00e9", kdf: cheapKdf });
    const decomposed = resolveRepoKey({ kind: "passphrase", passphrase: "cafe\u0301", kdf: cheapKdf });
    expect(composed.fingerprint).toBe(decomposed.fingerprint);
  });

  it("without KDF parameters a passphrase is NO_KEY, and an empty one is refused", () => {
    expect(errorCode(() => resolveRepoKey({ kind: "passphrase", passphrase: "pw" }))).toBe("NO_KEY");
    expect(errorCode(() => unlockKeyFromText(""))).toBe("NO_KEY");
  });
});

describe("storedKeyMatching", () => {
  it("gives the key only for an exported key with that fingerprint; anything else is undefined, never thrown", () => {
    const bytes = randomBytes(32);
    const line = exportRepoKey(bytes);
    const fingerprint = keyFingerprint(bytes);
    expect(storedKeyMatching(line, fingerprint)?.fingerprint).toBe(fingerprint);
    expect(storedKeyMatching(line, "0000000000000000")).toBeUndefined();
    expect(storedKeyMatching(`${line.slice(0, -3)}!!!`, fingerprint)).toBeUndefined();
    expect(storedKeyMatching("not a key", fingerprint)).toBeUndefined();
  });
});
