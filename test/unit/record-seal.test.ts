/**
 * The seal on the filter's records of decrypted text (core/record-seal.ts):
 * a record opens only with the keys that made it and under the name and
 * line it was written with; anything changed, cut short or moved does not.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type RepoKey, newRepoKey } from "../../src/core/key-material.js";
import { openRecord, sealRecord } from "../../src/core/record-seal.js";

const text = Buffer.from('{\n  "memory": {\n    "note": "the plaintext of a version"\n  }\n}\n');
const binding = Buffer.from("backpack/record/v1\nname.w\nsha256 abc 60");

describe("a sealed record", () => {
  it("opens with the key that sealed it, and holds none of its text in the clear", () => {
    const key = newRepoKey(randomBytes(32));
    const sealed = sealRecord(key, randomBytes(12), text, binding);
    expect(sealed.includes(Buffer.from("plaintext of a version"))).toBe(false);
    expect(sealed.length).toBe(text.length + 28);
    expect(openRecord(key, sealed, binding)).toEqual(text);
    // The same key bytes in another object (another process): the same sealing key.
    expect(openRecord({ key: Buffer.from(key.key), fingerprint: key.fingerprint }, sealed, binding)).toEqual(text);
  });

  it("does not open with another key, another binding, a changed byte or a cut", () => {
    const key = newRepoKey(randomBytes(32));
    const sealed = sealRecord(key, randomBytes(12), text, binding);
    expect(openRecord(newRepoKey(randomBytes(32)), sealed, binding)).toBeUndefined();
    expect(openRecord(key, sealed, Buffer.from("backpack/record/v1\nother.w\nsha256 abc 60"))).toBeUndefined();
    for (let at = 0; at < sealed.length; at += 7) {
      const changed = Buffer.from(sealed);
      changed[at] = (changed[at] as number) ^ 1;
      expect(openRecord(key, changed, binding)).toBeUndefined();
    }
    for (const cut of [0, 12, 27, sealed.length - 1]) expect(openRecord(key, sealed.subarray(0, cut), binding)).toBeUndefined();
  });

  it("in a team repository, is bound to every layer key this user holds: losing one closes the records", () => {
    const file = newRepoKey(randomBytes(32));
    const layer = (held: boolean) => ({ fingerprint: "0123456789abcdef", ...(held ? { key: randomBytes(32) } : {}) });
    const all: RepoKey = { ...file, layers: { credentials: layer(true), personality: layer(true), memory: layer(true) } };
    const sealed = sealRecord(all, randomBytes(12), text, binding);
    expect(openRecord({ ...all, layers: { ...all.layers } as RepoKey["layers"] }, sealed, binding)).toEqual(text);
    const lost: RepoKey = { ...file, layers: { ...(all.layers as NonNullable<RepoKey["layers"]>), memory: layer(false) } };
    expect(openRecord(lost, sealed, binding)).toBeUndefined();
    expect(openRecord(file, sealed, binding)).toBeUndefined();
  });

  it("is bound to the readers a sealed layer names (the team file's): other names, and the record does not open", () => {
    const file = newRepoKey(randomBytes(32));
    const sealedTo = (readers: string[]): RepoKey => ({
      ...file,
      layers: { credentials: { fingerprint: "0123456789abcdef", readers }, personality: { fingerprint: "0123456789abcdef", readers: [] }, memory: { fingerprint: "0123456789abcdef", readers: [] } },
    });
    const sealed = sealRecord(sealedTo(["alice"]), randomBytes(12), text, binding);
    expect(openRecord(sealedTo(["alice"]), sealed, binding)).toEqual(text);
    expect(openRecord(sealedTo(["alice", "carol"]), sealed, binding)).toBeUndefined();
    expect(openRecord(sealedTo(["alic", "e"]), sealed, binding)).toBeUndefined();
  });

  it("refuses a nonce that is not 12 bytes", () => {
    expect(() => sealRecord(newRepoKey(randomBytes(32)), randomBytes(8), text, binding)).toThrow(RangeError);
  });
});
