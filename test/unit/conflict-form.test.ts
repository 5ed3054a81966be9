import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encryptConflictText,
  encryptWorkingForm,
  parseAgentLock,
  parseCheckoutForm,
  serializeConflictForm,
  serializeStoredForm,
} from "../../src/core/agent-lock.js";
import { renderConflictText } from "../../src/core/conflict-text.js";
import { newRepoKey, resolveRepoKey } from "../../src/core/key-material.js";
import { mergeWorkingForms } from "../../src/core/merge.js";
import { type WorkingForm, conflictFormSchema, storedFormSchema } from "../../src/core/schema.js";
import { readEncryptedForm, readStoredForm, workingTreeText } from "../../src/core/stored-form.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { assertNoSecrets } from "../helpers/secrets.js";

const key = newRepoKey(Buffer.alloc(32, 3));
const otherKey = newRepoKey(Buffer.alloc(32, 4));
const passKey = resolveRepoKey({ kind: "passphrase", passphrase: "pw", kdf: { name: "scrypt", logN: 10, r: 8, p: 1, salt: "c2FsdHNhbHRzYWx0c2FsdA" } });

const base: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: "tok-base-0001" } },
  personality: { tone: "formal", system_prompt: "You help." },
  memory: {},
};
const ours: WorkingForm = { ...base, personality: { ...base.personality, tone: "playful-ours" } };
const theirs: WorkingForm = { ...base, personality: { ...base.personality, tone: "terse-theirs" } };
const markedUp = renderConflictText(mergeWorkingForms(base, ours, theirs).root);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isBackpackError(error) ? error.code : "other";
  }
  return "none";
}

describe("the conflict form", () => {
  const text = serializeConflictForm(encryptConflictText(markedUp, key));

  it("holds the marked-up text encrypted, and nothing of it in plaintext", () => {
    expect(markedUp).toMatch(/^<<<<<<< ours$/m);
    assertNoSecrets([text], ["playful-ours", "terse-theirs", "You help.", "tok-base-0001", "<<<<<<<", "tone"]);
    expect(text).toMatch(/^ {4}"conflict": "v2\.[jz]\.[A-Za-z0-9_-]+"$/m);
  });

  it("smudges into the marked-up text, and re-encrypts to the same bytes (clean(smudge(x)) == x)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.constantFrom(key, passKey), (body, k) => {
        const stored = serializeConflictForm(encryptConflictText(body, k));
        const read = readEncryptedForm(stored);
        if (!read) throw new Error("the conflict form was not read");
        const working = workingTreeText(read, k);
        expect(working).toBe(body);
        expect(serializeConflictForm(encryptConflictText(working, k))).toBe(stored);
      }),
    );
  });

  it("is refused by parseAgentLock (so clean and every command refuse it), and read by parseCheckoutForm", () => {
    expect(code(() => parseAgentLock(text))).toBe("CONFLICT");
    expect(parseCheckoutForm(text).form).toBe("conflict");
    expect(readStoredForm(text)).toBeUndefined();
    // The marked-up text itself is refused too: that is what stops `git add`.
    expect(code(() => parseAgentLock(markedUp))).toBe("CONFLICT");
  });

  it("names a wrong key, and a token moved between the conflict and a layer line as tampering", () => {
    const read = readEncryptedForm(text);
    if (!read) throw new Error("the conflict form was not read");
    expect(code(() => workingTreeText(read, otherKey))).toBe("WRONG_KEY");
    const stored = encryptWorkingForm(base, key);
    const intoConflict = { ...read, layers: { conflict: stored.layers.personality } };
    expect(code(() => workingTreeText(intoConflict, key))).toBe("TAMPERED");
    const intoLayer = { ...stored, layers: { ...stored.layers, memory: (read.layers as { conflict: string }).conflict } };
    expect(code(() => workingTreeText(intoLayer, key))).toBe("TAMPERED");
  });

  it("the zod-free reader accepts exactly what the schemas accept", () => {
    const valid = [JSON.parse(text), JSON.parse(serializeConflictForm(encryptConflictText("x", passKey))), JSON.parse(serializeStoredForm(encryptWorkingForm(base, key)))];
    const edits = fc.record({
      field: fc.constantFrom("backpack", "version", "cipher", "key", "kdf", "layers", "extra"),
      layer: fc.constantFrom("conflict", "memory", "meta", "other"),
      value: fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.constantFrom("v2.j.abc", "v2.x.abc", "agent.lock", 2, {})),
      inLayers: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...valid), edits, (form, { field, layer, value, inLayers }) => {
        const copy = structuredClone(form) as Record<string, unknown>;
        const target = inLayers ? (copy.layers as Record<string, unknown>) : copy;
        const name = inLayers ? layer : field;
        if (value === undefined) delete target[name];
        else target[name] = value;
        const schema = conflictFormSchema.safeParse(copy).success || storedFormSchema.safeParse(copy).success;
        expect(readEncryptedForm(JSON.stringify(copy)) !== undefined).toBe(schema);
      }),
      { numRuns: 1000 },
    );
  });
});
