/**
 * Golden stored forms: a fixed key and document must give exactly the committed
 * text, so any change of the format (crypto, layout, canonical form,
 * compression) shows as a diff under fixtures/golden/. After an intended
 * change: UPDATE_GOLDEN=1 npx vitest run test/unit/golden.test.ts, and review
 * the diff (and bump the format version if old files no longer open).
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptStoredForm, encryptWorkingForm, parseAgentLock, serializeStoredForm } from "../../src/core/agent-lock.js";
import { parseExportedKey, resolveRepoKey } from "../../src/core/key-material.js";
import { kdfSchema, workingFormSchema } from "../../src/core/schema.js";
import { jsonSchemas } from "../../src/core/json-schema.js";
import { PROJECT_ROOT } from "../helpers/project-root.js";
import { assertSameData } from "../helpers/secrets.js";

const GOLDEN = join(PROJECT_ROOT, "fixtures/golden");
const update = process.env.UPDATE_GOLDEN === "1";

/** Each case: NAME.input.json ({key | passphrase+kdf, document}) -> NAME.stored.lock. */
const cases = readdirSync(GOLDEN)
  .filter((f) => f.endsWith(".input.json"))
  .map((f) => f.slice(0, -".input.json".length));

function keyOf(input: { key?: string; passphrase?: string; kdf?: unknown }) {
  if (input.key) {
    const raw = parseExportedKey(input.key);
    if (!raw) throw new Error("golden key is not an exported key");
    return resolveRepoKey({ kind: "raw", key: raw });
  }
  return resolveRepoKey({ kind: "passphrase", passphrase: input.passphrase as string, kdf: kdfSchema.parse(input.kdf) });
}

describe("golden stored forms", () => {
  it("there are golden cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)("%s encrypts to exactly the committed text, and back", (name) => {
    const input = JSON.parse(readFileSync(join(GOLDEN, `${name}.input.json`), "utf8"));
    const doc = workingFormSchema.parse(input.document);
    const key = keyOf(input);
    const text = serializeStoredForm(encryptWorkingForm(doc, key));
    const path = join(GOLDEN, `${name}.stored.lock`);
    if (update) writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, "utf8"));
    const parsed = parseAgentLock(text);
    if (parsed.form !== "stored") throw new Error("golden text is not a stored form");
    assertSameData(decryptStoredForm(parsed.stored, key), doc, `${name} decrypted`);
  });
});

describe("shipped JSON Schemas", () => {
  it("schema/*.json are what jsonSchemas() generates now (run `npm run build` after changing src/core/schema.ts)", () => {
    const { working, stored } = jsonSchemas();
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, "schema/agent-lock.working.schema.json"), "utf8"))).toEqual(working);
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, "schema/agent-lock.stored.schema.json"), "utf8"))).toEqual(stored);
  });
});
