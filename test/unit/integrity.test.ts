/**
 * Format 3's integrity of the whole file (issue #11, section 4): each layer
 * bound to its file (the file id in its associated data) and the layers bound
 * together (the integrity line). The attacks the issue lists are each tried on
 * format 3, and on format 2 to show the hole they close (format 2 still opens
 * them: it is read for old files, and `backpack migrate` upgrades it).
 */
import { describe, expect, it } from "vitest";
import { decryptStoredForm, encryptWorkingForm, parseAgentLock, serializeStoredForm } from "../../src/core/agent-lock.js";
import { kdfCostAtLeast, kdfProblem } from "../../src/core/crypto.js";
import { newFileId, newRepoKey, resolveRepoKey } from "../../src/core/key-material.js";
import type { StoredForm, WorkingForm } from "../../src/core/schema.js";
import { readStoredForm } from "../../src/core/stored-form.js";
import { failureOf } from "../helpers/errors.js";

const codeOf = (fn: () => unknown) => failureOf(fn).code;

const key = newRepoKey(Buffer.alloc(32, 7));
const ID_A = newFileId(Buffer.alloc(16, 1));
const ID_B = newFileId(Buffer.alloc(16, 2));

function doc(id: string | undefined, memory: Record<string, string>, withMeta = true): WorkingForm {
  const d: WorkingForm = { version: 2, credentials: { TOKEN: { source: "embedded", value: "tok" } }, personality: { tone: "calm" }, memory };
  if (id !== undefined) d.id = id;
  if (withMeta) d.agent = { name: "bot" };
  return d;
}

/** Round trip through the text, as a file on disk or a blob would go. */
function reread(stored: StoredForm): StoredForm {
  const parsed = parseAgentLock(serializeStoredForm(stored));
  if (parsed.form !== "stored") throw new Error("not a stored form");
  return parsed.stored;
}

/** The document a stored form opens to, or the code of the error it fails with. */
function open(stored: StoredForm): string | WorkingForm {
  let opened: WorkingForm | undefined;
  const code = codeOf(() => (opened = decryptStoredForm(reread(stored), key)));
  return opened ?? code;
}

describe("format 3 binds every layer to its file and the layers together", () => {
  it("a document with a file id is written as format 3, with the id and an integrity line", () => {
    const stored = encryptWorkingForm(doc(ID_A, { n: "1" }), key);
    expect(stored.version).toBe(3);
    const text = serializeStoredForm(stored);
    expect(text).toMatch(/"version": 3,\n/);
    expect(text).toContain(`"id": "${ID_A}"`);
    expect(text).toMatch(/\n {2}"mac": "[A-Za-z0-9_-]{43}"\n\}\n$/);
    expect(open(stored)).toEqual(doc(ID_A, { n: "1" }));
  });

  it("a layer pasted from another file with the same key is refused (format 2 let it through)", () => {
    const a = encryptWorkingForm(doc(ID_A, { who: "a" }), key);
    const b = encryptWorkingForm(doc(ID_B, { who: "b-secret" }), key);
    expect(open({ ...a, layers: { ...a.layers, memory: b.layers.memory } } as StoredForm)).toBe("TAMPERED");
    // Format 2: the same splice opened as authentic.
    const a2 = encryptWorkingForm(doc(undefined, { who: "a" }), key);
    const b2 = encryptWorkingForm(doc(undefined, { who: "b-secret" }), key);
    expect(open({ ...a2, layers: { ...a2.layers, memory: b2.layers.memory } } as StoredForm)).toMatchObject({ memory: { who: "b-secret" } });
  });

  it("an older version of one layer of the same file is refused, and the message says so", () => {
    const v1 = encryptWorkingForm(doc(ID_A, { step: "old" }), key);
    const v2 = encryptWorkingForm(doc(ID_A, { step: "new" }), key);
    const rolledBack = { ...v2, layers: { ...v2.layers, memory: v1.layers.memory } } as StoredForm;
    expect(open(rolledBack)).toBe("TAMPERED");
    expect(() => decryptStoredForm(reread(rolledBack), key)).toThrow(/older version/);
  });

  it("a deleted meta line is refused (format 2 opened the file without its metadata)", () => {
    const a = encryptWorkingForm(doc(ID_A, {}), key);
    const { meta: _meta, ...rest } = a.layers;
    expect(open({ ...a, layers: rest } as StoredForm)).toBe("TAMPERED");
    const a2 = encryptWorkingForm(doc(undefined, {}), key);
    const { meta: _meta2, ...rest2 } = a2.layers;
    expect(open({ ...a2, layers: rest2 } as StoredForm)).toMatchObject({ credentials: { TOKEN: { value: "tok" } } });
  });

  it("a changed file id, key fingerprint line or integrity line is refused", () => {
    const a = encryptWorkingForm(doc(ID_A, {}), key) as Extract<StoredForm, { version: 3 }>;
    expect(open({ ...a, id: ID_B })).toBe("TAMPERED");
    expect(open({ ...a, mac: a.mac.replace(/^./, (c) => (c === "A" ? "B" : "A")) })).toBe("TAMPERED");
  });

  it("the KDF parameters are covered by the integrity line", () => {
    const passKey = resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: { name: "scrypt", logN: 10, r: 8, p: 1, salt: "c2FsdHNhbHRzYWx0c2FsdA" } });
    const a = encryptWorkingForm(doc(ID_A, {}), passKey) as Extract<StoredForm, { version: 3 }>;
    expect(decryptStoredForm(reread(a), passKey)).toMatchObject({ id: ID_A });
    // The same key presented with other (recorded) parameters: the header no longer matches its line.
    const other = { ...a, kdf: { ...a.kdf!, p: 2 } };
    expect(codeOf(() => decryptStoredForm(reread(other), passKey))).toBe("TAMPERED");
  });

  it("a change to one layer changes only that layer's line and the integrity line", () => {
    const before = serializeStoredForm(encryptWorkingForm(doc(ID_A, { n: "1" }), key)).split("\n");
    const after = serializeStoredForm(encryptWorkingForm(doc(ID_A, { n: "2" }), key)).split("\n");
    expect(after.length).toBe(before.length);
    const changed = after.map((line, i) => (line === before[i] ? undefined : line.trim().split(":")[0])).filter(Boolean);
    expect(changed).toEqual(['"memory"', '"mac"']);
  });

  it("the same layer in two files gives two different tokens (the file id is in the synthetic IV too)", () => {
    const a = encryptWorkingForm(doc(ID_A, { same: "x" }), key);
    const b = encryptWorkingForm(doc(ID_B, { same: "x" }), key);
    expect(a.layers.memory).not.toBe(b.layers.memory);
    // Deterministic within a file: the clean filter's contract.
    expect(encryptWorkingForm(doc(ID_A, { same: "x" }), key)).toEqual(a);
  });

  it("readStoredForm refuses format 3 with a format 2 token, a missing id or integrity line, or a format 2 header with an id", () => {
    const text = serializeStoredForm(encryptWorkingForm(doc(ID_A, {}), key));
    expect(readStoredForm(text)).toBeDefined();
    expect(readStoredForm(text.replace('"memory": "v3.', '"memory": "v2.'))).toBeUndefined();
    expect(readStoredForm(text.replace(/ {2}"id": .*\n/, ""))).toBeUndefined();
    expect(readStoredForm(text.replace(/},\n {2}"mac": .*\n/, "}\n"))).toBeUndefined();
    expect(readStoredForm(text.replace('"version": 3', '"version": 2'))).toBeUndefined();
  });
});

describe("KDF parameters are bounded", () => {
  it("memory and work beyond the bounds are refused before scrypt runs", () => {
    expect(kdfProblem({ name: "scrypt", salt: "x", logN: 22, r: 8, p: 1 })).toMatch(/256 MiB/);
    expect(kdfProblem({ name: "scrypt", salt: "x", logN: 18, r: 8, p: 16 })).toMatch(/work/);
    expect(kdfProblem({ name: "scrypt", salt: "x", logN: 15, r: 8, p: 1 })).toBeUndefined();
    expect(codeOf(() => resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: { name: "scrypt", salt: "c2FsdHNhbHRzYWx0c2FsdA", logN: 22, r: 32, p: 1 } }))).toBe("INVALID_FILE");
  });

  it("a cost floor compares memory and work", () => {
    const floor = { name: "scrypt" as const, logN: 15, r: 8, p: 1 };
    expect(kdfCostAtLeast({ name: "scrypt", logN: 10, r: 8, p: 1 }, floor)).toBe(false);
    expect(kdfCostAtLeast({ name: "scrypt", logN: 15, r: 8, p: 1 }, floor)).toBe(true);
    expect(kdfCostAtLeast({ name: "scrypt", logN: 14, r: 16, p: 1 }, floor)).toBe(true);
    expect(kdfCostAtLeast({ name: "scrypt", logN: 15, r: 4, p: 4 }, floor)).toBe(false);
  });
});

describe("strict parsing: what only looks like an agent.lock is refused (clean, hook and verify read through these)", () => {
  const text = serializeStoredForm(encryptWorkingForm(doc(ID_A, {}), key));

  it("duplicate keys, at the top or inside the layers, are refused with the key named", () => {
    const twice = text.replace('"backpack": "agent.lock",', '"credentials": {"A": {"source": "embedded", "value": "plain"}},\n  "backpack": "agent.lock",\n  "credentials": 1,');
    expect(() => parseAgentLock(twice)).toThrow(/the key "credentials" twice/);
    expect(readStoredForm(twice)).toBeUndefined();
    const inLayers = text.replace('"layers": {', '"layers": {\n    "memory": "v3.j.AAAA",');
    expect(() => parseAgentLock(inLayers)).toThrow(/the key "layers\.memory" twice/);
  });

  it("an unknown top-level key beside the stored form or format 1.0 is refused", () => {
    expect(codeOf(() => parseAgentLock(text.replace(/}\n$/, ',\n  "notes": {"x": 1}\n}\n')))).toBe("INVALID_FILE");
    const fernet = (c: string) => ({ data: Buffer.from(`gAAAAA${c}`).toString("base64"), salt: "c2FsdA==" });
    const v1 = { version: "1.0", layers: { credentials: fernet("a"), personality: fernet("b"), memory: fernet("c") } };
    expect(parseAgentLock(JSON.stringify(v1)).form).toBe("v1");
    expect(codeOf(() => parseAgentLock(JSON.stringify({ ...v1, plaintext: { A: "v" } })))).toBe("INVALID_FILE");
    expect(codeOf(() => parseAgentLock(JSON.stringify({ ...v1, layers: { ...v1.layers, credentials: { data: "plain", salt: "c2FsdA==" } } })))).toBe("INVALID_FILE");
  });
});
