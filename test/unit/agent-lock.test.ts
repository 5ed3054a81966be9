import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decryptStoredForm,
  encryptWorkingForm,
  parseAgentLock,
  serializeStoredForm,
  serializeWorkingForm,
} from "../../src/core/agent-lock.js";
import { newRepoKey } from "../../src/core/key-material.js";
import type { JsonObject, WorkingForm } from "../../src/core/schema.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { errorCode } from "../helpers/errors.js";
import { assertNoSecrets } from "../helpers/secrets.js";

const key = newRepoKey(Buffer.alloc(32, 7));
const otherKey = newRepoKey(Buffer.alloc(32, 8));

// "__proto__" keys are refused by the parser (tested below), so not generated here.
const noProto = (value: unknown) => !JSON.stringify(value).includes('"__proto__"');
const jsonObject = fc.dictionary(fc.string({ unit: "grapheme" }), fc.jsonValue(), { maxKeys: 6 }).filter(noProto) as fc.Arbitrary<JsonObject>;
const credentialName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const credential = fc.oneof(
  fc.constant({ source: "vault" as const }),
  fc.record({ source: fc.constant("embedded" as const), value: fc.string({ unit: "grapheme" }) }),
);
const workingForm: fc.Arbitrary<WorkingForm> = fc.record({
  version: fc.constant(2 as const),
  credentials: fc.dictionary(credentialName, credential, { maxKeys: 5 }),
  personality: jsonObject,
  memory: jsonObject,
});

function stored(doc: WorkingForm, k = key): string {
  return serializeStoredForm(encryptWorkingForm(doc, k));
}

function open(text: string, k = key): WorkingForm {
  const parsed = parseAgentLock(text);
  if (parsed.form !== "stored") throw new Error(`expected the stored form, got ${parsed.form}`);
  return decryptStoredForm(parsed.stored, k);
}

const sample: WorkingForm = {
  version: 2,
  credentials: { OPENAI_API_KEY: { source: "vault" }, DEPLOY: { source: "embedded", value: "s3cr3t-value-Ω" } },
  personality: { system_prompt: "You are careful.\nVery careful.", tone: "formal" },
  memory: { notes: ["a", "b"], count: 2 },
};

describe("stored form", () => {
  it("encrypting the same document twice gives identical bytes", () => {
    fc.assert(
      fc.property(workingForm, (doc) => {
        expect(stored(doc)).toBe(stored(structuredClone(doc)));
      }),
    );
  });

  it("decrypt(encrypt(x)) == x for any JSON layers, unicode included", () => {
    fc.assert(
      fc.property(workingForm, (doc) => {
        const back = open(stored(doc));
        expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
    );
  });

  it("clean(smudge(stored)) == stored, byte for byte", () => {
    fc.assert(
      fc.property(workingForm, (doc) => {
        const first = stored(doc);
        const working = serializeWorkingForm(open(first));
        const parsed = parseAgentLock(working);
        if (parsed.form !== "working") throw new Error("smudge did not give the working form");
        expect(stored(parsed.doc)).toBe(first);
      }),
    );
  });

  it("key order and formatting alone do not change the ciphertext", () => {
    const reordered = JSON.parse(JSON.stringify({ memory: sample.memory, personality: { tone: "formal", system_prompt: sample.personality.system_prompt }, credentials: sample.credentials, version: 2 }));
    expect(stored(reordered)).toBe(stored(sample));
  });

  it("changing one layer changes only that layer's line", () => {
    const before = stored(sample).split("\n");
    const after = stored({ ...sample, memory: { ...sample.memory, count: 3 } }).split("\n");
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [line.trim().split(":")[0]]));
    expect(changed).toEqual(['"memory"']);
  });

  it("never holds plaintext", () => {
    const text = stored(sample);
    assertNoSecrets([text], ["s3cr3t-value-Ω", "careful", "formal", "OPENAI_API_KEY", "notes"]);
  });

  it("a flipped bit fails as TAMPERED", () => {
    const text = stored(sample);
    const at = text.indexOf('"personality": "v2.j.') + 30;
    const flipped = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    expect(errorCode(() => open(flipped))).toBe("TAMPERED");
  });

  it("a truncated layer fails with a typed error, and a truncated file as INVALID_FILE", () => {
    const text = stored(sample);
    const cut = text.replace(/("memory": "v2\.j\.)([A-Za-z0-9_-]{10})[A-Za-z0-9_-]*/, "$1$2");
    expect(["INVALID_FILE", "TAMPERED"]).toContain(errorCode(() => open(cut)));
    expect(errorCode(() => open(text.slice(0, text.length / 2)))).toBe("INVALID_FILE");
  });

  it("two swapped layers fail as TAMPERED, naming the swap", () => {
    const parsed = parseAgentLock(stored(sample));
    if (parsed.form !== "stored") throw new Error("expected stored");
    const { credentials, personality } = parsed.stored.layers;
    const swapped = { ...parsed.stored, layers: { ...parsed.stored.layers, credentials: personality, personality: credentials } };
    let message = "";
    try {
      decryptStoredForm(swapped, key);
    } catch (error) {
      message = isBackpackError(error) && error.code === "TAMPERED" ? error.message : "";
    }
    expect(message).toMatch(/swapped/);
  });

  it("a wrong key fails as WRONG_KEY", () => {
    expect(errorCode(() => open(stored(sample), otherKey))).toBe("WRONG_KEY");
  });

  it("random text never crashes the parser with anything but a typed error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array().map((b) => Buffer.from(b).toString("latin1"))), (text) => {
        try {
          parseAgentLock(text);
        } catch (error) {
          expect(isBackpackError(error)).toBe(true);
        }
      }),
    );
  });

  it('refuses a "__proto__" key instead of silently dropping it', () => {
    const text = '{"version": 2, "credentials": {}, "personality": {"__proto__": {"x": 1}}, "memory": {}}';
    expect(errorCode(() => parseAgentLock(text))).toBe("INVALID_FILE");
  });

  it("compresses a large, repetitive memory layer", () => {
    const memory = { log: Array.from({ length: 500 }, (_, i) => `entry ${i % 10}: the user asked about the weather`) };
    const text = stored({ ...sample, memory });
    expect(text).toMatch(/"memory": "v2\.z\./);
    expect(open(text).memory).toEqual(memory);
  });
});
