/**
 * Large memory layers (at least LARGE_LAYER_BYTES): compressed with Node's
 * brotli (flag "b"), deterministic on one machine, and a stored token kept
 * when the layer did not change, so a file committed with another compressor
 * (an older release's fflate) cleans to the bytes git holds.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveKeys, tryDecryptSlot } from "../../src/core/crypto.js";
import { LARGE_LAYER_BYTES, encryptSlot, encryptWorkingForm, serializeStoredForm } from "../../src/core/encrypt.js";
import { newRepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { readStoredForm, storedToWorkingDoc } from "../../src/core/stored-form.js";
import { withOldMemoryEncoding } from "../helpers/old-encoding.js";
import { PROJECT_ROOT } from "../helpers/project-root.js";

const key = newRepoKey(Buffer.alloc(32, 7));
const otherKey = newRepoKey(Buffer.alloc(32, 8));

function largeDoc(id = "AAAAAAAAAAAAAAAAAAAAAA", noteBytes = 200_000): WorkingForm {
  const notes = Array.from({ length: Math.ceil(noteBytes / 88) }, () => `note ${randomBytes(40).toString("hex")}`);
  return {
    version: 2,
    id,
    agent: { name: "big" },
    credentials: { API_TOKEN: { source: "embedded", value: `tok-${randomBytes(8).toString("hex")}` } },
    personality: { tone: "dry", system_prompt: "You remember a lot." },
    memory: { notes },
  } as WorkingForm;
}

const lines = (text: string) => text.split("\n");
/** The names of the lines (by their key) that differ between two stored forms of the same layout. */
function changedLines(a: string, b: string): string[] {
  const [x, y] = [lines(a), lines(b)];
  expect(x.length).toBe(y.length);
  return x.flatMap((line, i) => (line === y[i] ? [] : [/^\s*"([^"]+)"/.exec(line)?.[1] ?? line]));
}

describe("large memory layers", () => {
  it("are brotli-compressed (flag b), open back to the same document, and give the same bytes every time", () => {
    const doc = largeDoc();
    const text = serializeStoredForm(encryptWorkingForm(doc, key));
    expect(readStoredForm(text)?.layers.memory).toMatch(/^v3\.b\./);
    expect(text.length).toBeLessThan(JSON.stringify(doc.memory).length * 0.7);
    expect(serializeStoredForm(encryptWorkingForm(structuredClone(doc), key))).toBe(text);
    const stored = readStoredForm(text);
    expect(stored && storedToWorkingDoc(stored, key)).toEqual(doc);
  });

  it("keep deflate (flag z) below the threshold, so small files keep their bytes", () => {
    const doc = largeDoc(undefined, 4_000);
    expect(JSON.stringify(doc.memory).length).toBeLessThan(LARGE_LAYER_BYTES);
    expect(readStoredForm(serializeStoredForm(encryptWorkingForm(doc, key)))?.layers.memory).toMatch(/^v3\.z\./);
  });

  it("keep the token git holds when the layer is unchanged: an old fflate file cleans to its own bytes", () => {
    const doc = largeDoc();
    const old = withOldMemoryEncoding(serializeStoredForm(encryptWorkingForm(doc, key)), key);
    const oldStored = readStoredForm(old);
    expect(oldStored?.layers.memory).toMatch(/^v3\.z\./);
    // Without what git holds: a new token; with it: byte for byte the old file.
    expect(serializeStoredForm(encryptWorkingForm(doc, key))).not.toBe(old);
    expect(serializeStoredForm(encryptWorkingForm(doc, key, oldStored?.layers))).toBe(old);

    // A one-key edit elsewhere: that layer's line and the integrity line, the memory line kept.
    const edited = { ...doc, personality: { ...doc.personality, tone: "warm" } };
    expect(changedLines(old, serializeStoredForm(encryptWorkingForm(edited, key, oldStored?.layers)))).toEqual(["personality", "mac"]);
    // A memory edit: the memory line (now brotli) and the integrity line.
    const remembered = { ...doc, memory: { ...doc.memory, last: "seen" } };
    const after = serializeStoredForm(encryptWorkingForm(remembered, key, oldStored?.layers));
    expect(changedLines(old, after)).toEqual(["memory", "mac"]);
    expect(readStoredForm(after)?.layers.memory).toMatch(/^v3\.b\./);
  });

  it("never keep a token that does not open to this plaintext under this key, slot and file", () => {
    const doc = largeDoc();
    const fresh = serializeStoredForm(encryptWorkingForm(doc, key));
    const candidates = [
      // Another key, another file id, an older version of the layer, another slot's token, garbage.
      readStoredForm(serializeStoredForm(encryptWorkingForm(doc, otherKey)))?.layers.memory,
      readStoredForm(withOldMemoryEncoding(serializeStoredForm(encryptWorkingForm({ ...doc, id: "BBBBBBBBBBBBBBBBBBBBBB" }, key)), key))?.layers.memory,
      readStoredForm(withOldMemoryEncoding(serializeStoredForm(encryptWorkingForm({ ...doc, memory: { notes: ["older"] } }, key)), key))?.layers.memory,
      readStoredForm(fresh)?.layers.personality,
      "v3.z.AAAA",
    ];
    for (const memory of candidates) {
      expect(memory).toBeDefined();
      expect(serializeStoredForm(encryptWorkingForm(doc, key, { memory }))).toBe(fresh);
    }
  });

  it("read back a brotli token only within the size bound, and refuse a damaged one", () => {
    const keys = deriveKeys(key.key);
    const plaintext = Buffer.from(JSON.stringify({ notes: Array.from({ length: 2_000 }, (_, i) => `note ${i} ${"x".repeat(60)}`) }));
    const token = encryptSlot(keys, "memory", plaintext, true);
    expect(token).toMatch(/^v2\.b\./);
    expect((tryDecryptSlot(keys, "memory", token) as Buffer).equals(plaintext)).toBe(true);
    const damaged = `${token.slice(0, 20)}${token[20] === "A" ? "B" : "A"}${token.slice(21)}`;
    expect(tryDecryptSlot(keys, "memory", damaged)).toBe("unauthentic");
    // A token the stored-form reader checked is read from its head on: the same bytes, the same checks.
    expect((tryDecryptSlot(keys, "memory", token, { version: 2 }, true) as Buffer).equals(plaintext)).toBe(true);
    expect(tryDecryptSlot(keys, "memory", damaged, { version: 2 }, true)).toBe("unauthentic");
    expect(tryDecryptSlot(keys, "memory", token, { version: 3, file: "R29sZGVuQnJvdGxpTWVtbw" }, true)).toBe("malformed");
    expect(tryDecryptSlot(keys, "memory", "v2.b.", { version: 2 }, true)).toBe("malformed");
    // Unchecked, a stray character is named malformed; the reader never lets one through to the checked path.
    const stray = `${token.slice(0, 30)}!${token.slice(30)}`;
    expect(tryDecryptSlot(keys, "memory", stray)).toBe("malformed");
    expect(readStoredForm(`{\n  "backpack": "agent.lock",\n  "version": 2,\n  "cipher": "aes-256-gcm-hsiv",\n  "key": "0123456789abcdef",\n  "layers": {\n    "credentials": "${token}",\n    "personality": "${token}",\n    "memory": "${stray}"\n  }\n}\n`)).toBeUndefined();
    expect(readStoredForm(`{\n  "backpack": "agent.lock",\n  "version": 2,\n  "cipher": "aes-256-gcm-hsiv",\n  "key": "0123456789abcdef",\n  "layers": {\n    "credentials": "${token}",\n    "personality": "${token}",\n    "memory": "${token}"\n  }\n}\n`)).toBeDefined();
  });

  it("a committed file with a brotli layer keeps opening (fixtures/golden-read/: written once, only read since)", () => {
    // Brotli's output is not promised across releases, so this file is not re-encrypted and compared,
    // as fixtures/golden/ are: it must open, to exactly this document, in every later release.
    const doc = {
      version: 2,
      id: "R29sZGVuQnJvdGxpTWVtbw",
      agent: { name: "remembers" },
      credentials: {},
      personality: { tone: "dry" },
      memory: { notes: Array.from({ length: 1_500 }, (_, i) => `note ${i}: the agent remembered something about run ${i % 17}`) },
    } as WorkingForm;
    const path = join(PROJECT_ROOT, "fixtures/golden-read/large-memory.stored.lock");
    // Made once with UPDATE_GOLDEN_READ=1; never rewritten after a release has shipped it.
    if (process.env.UPDATE_GOLDEN_READ === "1") writeFileSync(path, serializeStoredForm(encryptWorkingForm(doc, key)));
    const stored = readStoredForm(readFileSync(path, "utf8"));
    expect(stored?.layers.memory).toMatch(/^v3\.b\./);
    expect(stored && storedToWorkingDoc(stored, key)).toEqual(doc);
  });
});
