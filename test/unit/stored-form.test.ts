import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decryptStoredForm, encryptWorkingForm, serializeStoredForm, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { deriveKeys } from "../../src/core/crypto.js";
import { encryptSlot } from "../../src/core/encrypt.js";
import { newRepoKey, resolveRepoKey } from "../../src/core/key-material.js";
import { type WorkingForm, storedFormSchema } from "../../src/core/schema.js";
import { WRITTEN_HEAD_BYTES, readEncryptedForm, readStoredForm, storedToWorkingText, writtenHeadKey } from "../../src/core/stored-form.js";

const key = newRepoKey(Buffer.alloc(32, 5));
const passKey = resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: { name: "scrypt", logN: 10, r: 8, p: 1, salt: "c2FsdHNhbHRzYWx0c2FsdA" } });
const doc: WorkingForm = {
  version: 2,
  agent: { name: "bot" },
  credentials: { A: { source: "vault" }, B: { source: "embedded", value: "v" } },
  personality: { tone: "calm" },
  memory: { n: [1, 2, 3] },
};

type Json = unknown;
type Path = (string | number)[];

/** Every path in a JSON value (objects only), so mutations can hit any field. */
function paths(value: Json, at: Path = []): Path[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
}

function mutate(value: Json, path: Path, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = { ...(value as Record<string, Json>) };
  const next = mutate(copy[head as string], rest, replacement);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

describe("readStoredForm (the zod-free reader) agrees with storedFormSchema", () => {
  const v3 = { ...doc, id: "AAECAwQFBgcICQoLDA0ODw" };
  const bases = [
    encryptWorkingForm(doc, key),
    encryptWorkingForm({ ...doc, agent: undefined } as WorkingForm, key),
    encryptWorkingForm(doc, passKey),
    encryptWorkingForm(v3, key),
    encryptWorkingForm({ ...v3, agent: undefined } as WorkingForm, passKey),
  ].map(
    (s) => JSON.parse(serializeStoredForm(s)) as Json,
  );
  const replacement = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue(),
    fc.constantFrom("agent.lock", 2, 3, "2", "aes-256-gcm-hsiv", "0123456789abcdef", "v2.j.abc", "v3.j.abc", "v2.x.abc", "scrypt", 10, 23, 9, 0, 16, 17, 32, 33, 1.5, null, {}, []),
    fc.stringMatching(/^[A-Za-z0-9_-]{20,24}$/),
  );

  it("for valid forms and every single-field mutation of them", () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.nat(), replacement, fc.boolean(), fc.string({ maxLength: 6 }), (base, pick, value, addKey, extra) => {
        const all = paths(base);
        const path = all[pick % all.length] as Path;
        const mutated = addKey ? mutate(base, [...path, extra || "x"], value ?? 1) : mutate(base, path, value);
        const text = JSON.stringify(mutated) ?? "";
        const zod = storedFormSchema.safeParse(mutated);
        const lite = readStoredForm(text);
        expect(lite !== undefined, `${text.slice(0, 200)}`).toBe(zod.success);
        if (zod.success) expect(lite).toEqual(zod.data);
      }),
      { numRuns: 2000 },
    );
    for (const base of bases) expect(readStoredForm(JSON.stringify(base))).toEqual(storedFormSchema.parse(base));
  });

  it("is undefined for anything that is not JSON or not an object", () => {
    for (const text of ["", "nope", "[]", "null", "2", '"agent.lock"', serializeWorkingForm(doc)]) expect(readStoredForm(text)).toBeUndefined();
  });
});

describe("the layout backpack writes is read without JSON.parse, as JSON.parse reads it", () => {
  const v3 = { ...doc, id: "AAECAwQFBgcICQoLDA0ODw" };
  const texts = [
    encryptWorkingForm(doc, key),
    encryptWorkingForm({ ...doc, agent: undefined } as WorkingForm, key),
    encryptWorkingForm(doc, passKey),
    encryptWorkingForm(v3, key),
    encryptWorkingForm({ ...v3, agent: undefined } as WorkingForm, key),
    encryptWorkingForm({ ...v3, agent: undefined } as WorkingForm, passKey),
  ].map((s) => serializeStoredForm(s));
  // A byte order mark is skipped by the JSON path and never written by backpack: the same text, read the other way.
  const byJson = (text: string) => readEncryptedForm(`\uFEFF${text}`);
  /** The same answer, fields in the same order (what the filter's session and the render cache see). */
  const same = (text: string) => expect(JSON.stringify(readEncryptedForm(text)), text.slice(0, 300)).toBe(JSON.stringify(byJson(text)));

  it("gives the same stored form for every layout backpack writes", () => {
    for (const text of texts) {
      expect(readEncryptedForm(text)).toBeDefined();
      same(text);
    }
  });

  it("refuses what the format refuses, laid out as backpack writes it", () => {
    const [v2text, , , v3text] = texts as [string, string, string, string];
    const cases = [
      v3text.replace(/\n {2}"id": "[^"]+",/, ""), // format 3 without its id
      v3text.replace(/,\n {2}"mac": "[^"]+"/, ""), // format 3 without its integrity line
      v2text.replace(/\n {2}\}\n\}\n$/, `\n  },\n  "mac": "${"A".repeat(43)}"\n}\n`), // format 2 with one
      v2text.replace(/"memory": "v2\./, '"memory": "v3.'), // a format 3 token in a format 2 file
      v3text.replace(/"credentials": "v3\./, '"credentials": "v2.'),
      v3text.replace(/"id": "[^"]+"/, '"id": "short"'),
      v2text.replace(/"key": "[0-9a-f]+"/, '"key": "0123"'),
      v2text.replace('"version": 2', '"version": 4'),
      v2text.replace(/\n {4}"personality": "[^"]+",/, ""),
    ];
    for (const text of cases) {
      expect(text).not.toBe(v2text);
      expect(readEncryptedForm(text), text.slice(0, 300)).toBeUndefined();
      same(text);
    }
  });

  it("agrees with the JSON path on every one-character change of a written file", () => {
    const alphabet = ['"', ",", "{", "}", " ", "\n", "2", "3", "v", ".", "z", "\\", "A", "_", ":"];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.constantFrom("replace", "insert", "delete"), fc.constantFrom(...alphabet), (text, at, edit, c) => {
        const i = at % text.length;
        const changed = edit === "delete" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + c + text.slice(edit === "replace" ? i + 1 : i);
        same(changed);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("writtenHeadKey: the key a stored form names, from its first bytes", () => {
  const texts = [encryptWorkingForm(doc, key), encryptWorkingForm({ ...doc, id: "AAECAwQFBgcICQoLDA0ODw" }, key), encryptWorkingForm(doc, passKey)].map((s) => serializeStoredForm(s));
  const head = (text: string) => writtenHeadKey(text.slice(0, WRITTEN_HEAD_BYTES));

  it("reads the key of the layouts backpack writes without a KDF, and nothing from a passphrase file's header", () => {
    const [v2text, v3text, passText] = texts as [string, string, string];
    expect(head(v2text)).toBe(readEncryptedForm(v2text)?.key);
    expect(head(v3text)).toBe(readEncryptedForm(v3text)?.key);
    expect(readEncryptedForm(passText)?.kdf).toBeDefined();
    expect(head(passText)).toBeUndefined();
  });

  it("never names another key than the whole file's reader, on any one-character change of its head", () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.constantFrom("replace", "insert", "delete"), fc.constantFrom('"', ",", "{", " ", "\n", "a", "0", ":"), (text, at, edit, c) => {
        const i = at % WRITTEN_HEAD_BYTES;
        const changed = edit === "delete" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + c + text.slice(edit === "replace" ? i + 1 : i);
        const named = head(changed);
        const whole = readEncryptedForm(changed);
        if (named !== undefined && whole !== undefined) {
          expect(whole.key).toBe(named);
          expect(whole.kdf).toBeUndefined();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("storedToWorkingText", () => {
  it("gives the same text as decrypting with the full parser", () => {
    for (const k of [key, passKey]) {
      const stored = encryptWorkingForm(doc, k);
      expect(storedToWorkingText(stored, k)).toBe(serializeWorkingForm(decryptStoredForm(stored, k)));
    }
  });

  it("refuses another key by name", () => {
    expect(() => storedToWorkingText(encryptWorkingForm(doc, key), passKey, "x/agent.lock")).toThrow(/x\/agent\.lock is encrypted with key/);
  });

  it('refuses a layer with a "__proto__" key, written as such or behind \\u escapes, and passes one that only looks like it', () => {
    const keys = deriveKeys(key.key);
    const withMemory = (plaintext: string) => ({ ...encryptWorkingForm(doc, key), layers: { ...encryptWorkingForm(doc, key).layers, memory: encryptSlot(keys, "memory", Buffer.from(plaintext), true) } });
    for (const plaintext of ['{"__proto__":{"x":1}}', '{"a":[{"\\u005f_proto__":1}]}', '{"a":{"__pro\\u0074o__":1}}']) {
      expect(() => storedToWorkingText(withMemory(plaintext), key, "m/agent.lock"), plaintext).toThrow(/the memory layer of m\/agent\.lock uses the reserved key "__proto__"/);
    }
    for (const plaintext of ['{"note":"__proto__"}', '{"path":"C:\\\\users","q":"\\u00e9"}']) {
      expect(storedToWorkingText(withMemory(plaintext), key), plaintext).toContain('"memory": {');
    }
  });
});
