import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encryptWorkingForm, parseAgentLock, serializeStoredForm, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { newRepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { readWorkingForm } from "../../src/core/working-form.js";

const key = newRepoKey(Buffer.alloc(32, 9));
const docs: WorkingForm[] = [
  {
    version: 2,
    agent: { name: "bot", description: "helps", tags: ["a"] },
    credentials: { A: { source: "vault" }, B_2: { source: "embedded", value: "v", description: "deploy" }, _c: { source: "vault", description: "x" } },
    personality: { tone: "calm", rules: { n: 1, deep: [null, true, "x"] } },
    memory: { notes: ["one", "two"], n: 1.5 },
  },
  { version: 2, credentials: {}, personality: {}, memory: {} },
];

type Json = unknown;
type Path = string[];

/** Every path in a JSON value (objects only), so mutations can hit any field. */
function paths(value: Json, at: Path = []): Path[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
}

function mutate(value: Json, path: Path, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...(value as Record<string, Json>) };
  const next = mutate(copy[head], rest, replacement);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** What the full parser makes of a text: the working form, or why not. */
function fullParse(text: string): WorkingForm | string {
  try {
    const parsed = parseAgentLock(text);
    return parsed.form === "working" ? parsed.doc : parsed.form;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("readWorkingForm (the clean filter's zod-free reader) agrees with the full parser", () => {
  const replacement = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue(),
    fc.constantFrom(2, "2", 2.5, "1.0", "vault", "embedded", "", null, {}, [], "agent.lock", "aes-256-gcm-hsiv"),
    fc.constantFrom({ source: "vault" }, { source: "embedded" }, { source: "embedded", value: "x" }, { source: "vault", value: "x" }, { source: "vault", description: 1 }),
  );
  const names = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("A", "_x", "1A", "A-B", "a b", "backpack", "cipher", "layers", "source", "value", "description", "name"));

  it("for valid forms and every single-field mutation of them: the same verdict and the same ciphertext", () => {
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.nat(), replacement, fc.boolean(), names, (base, pick, value, addKey, extra) => {
        const all = paths(base);
        const path = all[pick % all.length] as Path;
        const mutated = addKey ? mutate(base, [...path, extra || "x"], value ?? 1) : mutate(base, path, value);
        const text = JSON.stringify(mutated, null, 2) ?? "";
        const lite = readWorkingForm(text);
        const full = fullParse(text);
        expect(lite !== undefined, `${text.slice(0, 300)}\nfull parser: ${typeof full === "string" ? full : "working"}`).toBe(typeof full !== "string");
        if (lite && typeof full !== "string") {
          expect(lite).toEqual(full);
          expect(serializeStoredForm(encryptWorkingForm(lite, key))).toBe(serializeStoredForm(encryptWorkingForm(full, key)));
        }
      }),
      { numRuns: 3000 },
    );
    // 3,000 encryptions: a few seconds alone, over the unit tier's 10 s on two busy cores.
  }, 30_000);

  it("reads the working form as written (BOM, CRLF) and declines every other form and bad text", () => {
    for (const doc of docs) {
      const text = serializeWorkingForm(doc);
      expect(readWorkingForm(text)).toEqual(fullParse(text));
      expect(readWorkingForm(`\ufeff${text.replace(/\n/g, "\r\n")}`)).toEqual(doc.agent ? { ...doc } : doc);
    }
    const stored = serializeStoredForm(encryptWorkingForm(docs[0] as WorkingForm, key));
    const conflicted = `<<<<<<< ours\n${serializeWorkingForm(docs[1] as WorkingForm)}=======\n{}\n>>>>>>> theirs\n`;
    for (const text of [stored, conflicted, "", "nope", "[]", "null", '{"version":"1.0"}', '{"version":2}', '{"__proto__":{},"version":2,"credentials":{},"personality":{},"memory":{}}']) {
      expect(readWorkingForm(text), text.slice(0, 40)).toBeUndefined();
    }
  });
});
