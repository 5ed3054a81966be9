import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encryptConflictText, encryptWorkingForm, serializeConflictForm, serializeStoredForm, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { newRepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { redactedRendering, redactionTag, renderTextconv } from "../../src/core/textconv.js";
import { workingForm } from "../helpers/arbitraries.js";
import { assertHasSecrets, assertNoSecrets } from "../helpers/secrets.js";

const key = newRepoKey(Buffer.alloc(32, 9));
const SECRET = "sk-test-textconv-0123456789";

const sample: WorkingForm = {
  version: 2,
  agent: { name: "helper" },
  credentials: { OPENAI_API_KEY: { source: "vault" }, DEPLOY: { source: "embedded", value: SECRET, description: "prod deploy" } },
  personality: { system_prompt: "You are careful.\nCite sources.", tone: "formal", settings: { temperature: 0.2, "top.p": 1 } },
  memory: { facts: ["Ada likes tea", { at: "2024-01-01", text: "met" }], empty: {}, none: [] },
};

describe("textconv rendering of the working form", () => {
  it("is the working form itself, in the smudge filter's layout, credential values redacted", () => {
    const expected = JSON.parse(serializeWorkingForm(sample)) as WorkingForm;
    (expected.credentials.DEPLOY as { value: string }).value = redactionTag("DEPLOY", SECRET);
    const text = renderTextconv(serializeWorkingForm(sample));
    expect(text).toBe(serializeWorkingForm(expected));
    expect(text).toContain(`      "value": "${redactionTag("DEPLOY", SECRET)}"\n`);
    expect(redactedRendering(sample)).toBe(text);
  });

  it("renders a file with nothing to redact as itself, byte for byte", () => {
    // With and without the file id every file backpack writes carries (second, after the version).
    const fileId = fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), { nil: undefined });
    const vaultOnly = fc.tuple(workingForm, fc.boolean(), fileId).map(([doc, withAgent, id]) => {
      const credentials = Object.fromEntries(Object.entries(doc.credentials).map(([name, c]) => [name, { source: "vault" as const, ...(c.description === undefined ? {} : { description: c.description }) }]));
      const out: WorkingForm = { ...doc, credentials };
      if (!withAgent) delete out.agent;
      if (id === undefined) delete out.id;
      else out.id = id;
      return out;
    });
    fc.assert(
      fc.property(vaultOnly, (doc) => {
        const text = serializeWorkingForm(doc);
        expect(renderTextconv(text)).toBe(text);
        expect(redactedRendering(doc)).toBeUndefined();
      }),
    );
  });

  it("redacts to a stable fingerprint that changes with the value, and shows values when asked", () => {
    const text = renderTextconv(serializeWorkingForm(sample));
    assertNoSecrets([text], [SECRET]);
    expect(redactionTag("DEPLOY", SECRET)).toMatch(/^<redacted:[0-9a-f]{8}>$/);
    expect(redactionTag("DEPLOY", SECRET)).toBe(redactionTag("DEPLOY", SECRET));
    expect(redactionTag("DEPLOY", `${SECRET}x`)).not.toBe(redactionTag("DEPLOY", SECRET));
    expect(redactionTag("OTHER", SECRET)).not.toBe(redactionTag("DEPLOY", SECRET));
    const shown = renderTextconv(serializeWorkingForm(sample), { showSecrets: true });
    assertHasSecrets(shown, [`"value": "${SECRET}"`], "the textconv with showSecrets");
    expect(shown).toBe(serializeWorkingForm(sample));
  });

  it("never shows an embedded value, whatever the document", () => {
    const withSecret = fc.tuple(workingForm, fc.string({ minLength: 1 })).map(([doc, tail]) => ({
      ...doc,
      credentials: { ...doc.credentials, TOKEN: { source: "embedded" as const, value: `zz-secret-${tail}` } },
    }));
    fc.assert(
      fc.property(withSecret, (doc) => {
        const text = renderTextconv(serializeWorkingForm(doc));
        expect(text.includes("zz-secret-")).toBe(false);
        expect(redactedRendering(doc)?.includes("zz-secret-")).toBe(false);
        expect(text.endsWith("\n")).toBe(true);
      }),
    );
  });

  it("redacts credentials of any shape a hand-edited file may have", () => {
    const text = renderTextconv(JSON.stringify({ version: 2, credentials: { A: "zz-plain", B: { source: "embedded", token: "zz-field" } }, personality: {}, memory: {} }));
    expect(text).not.toContain("zz-");
    expect(renderTextconv(JSON.stringify({ version: 2, credentials: "zz-whole", personality: {}, memory: {} }))).not.toContain("zz-");
  });

  it("keeps control characters escaped (JSON), so none reaches the terminal", () => {
    const text = renderTextconv(serializeWorkingForm({ ...sample, personality: { p: "a\r\nb\u001b[2Jc" } }));
    expect(text).toContain('"p": "a\\r\\nb\\u001b[2Jc"');
    expect(text).not.toContain("\u001b");
  });
});

describe("textconv rendering of the stored form (locked)", () => {
  const stored = serializeStoredForm(encryptWorkingForm(sample, key));

  it("shows the header and one fingerprint per layer, no plaintext", () => {
    const text = renderTextconv(stored);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(`# agent.lock: locked: no key at hand to decrypt it (key ${key.fingerprint})`);
    expect(lines.slice(2).map((l) => l.replace(/[0-9a-f]{8}$/, "#"))).toEqual([
      "[meta] encrypted #",
      "[credentials] encrypted #",
      "[personality] encrypted #",
      "[memory] encrypted #",
    ]);
    assertNoSecrets([text], ["helper", "careful", "formal", "DEPLOY"]);
  });

  it("a change to one layer changes only that layer's line", () => {
    const before = renderTextconv(stored).split("\n");
    const after = renderTextconv(serializeStoredForm(encryptWorkingForm({ ...sample, memory: { facts: [] } }, key))).split("\n");
    expect(before.filter((line, i) => line !== after[i])).toEqual([expect.stringMatching(/^\[memory\] /)]);
  });

  it("shows a conflict form as an encrypted, unresolved merge", () => {
    const text = renderTextconv(serializeConflictForm(encryptConflictText("<<<<<<< ours\n", key)));
    expect(text).toMatch(/^# agent\.lock: an unresolved merge conflict, encrypted/);
    expect(text).toMatch(/^\[conflict\] encrypted [0-9a-f]{8}$/m);
  });

  it("shows a format 1.0 file it cannot decrypt as locked", () => {
    const v1 = JSON.stringify({ version: "1.0", layers: { credentials: { data: "AAA", salt: "BBB" }, personality: { data: "CCC", salt: "DDD" }, memory: { data: "EEE", salt: "FFF" } } });
    const text = renderTextconv(v1);
    expect(text).toMatch(/^# agent\.lock: format 1\.0/);
    expect(text).toMatch(/^\[memory\] encrypted [0-9a-f]{8}$/m);
  });
});

describe("textconv never fails", () => {
  it("renders anything else as a one-line note", () => {
    const cases: [string, RegExp][] = [
      ["{ not json", /not valid JSON/],
      ["[1, 2]", /expected a JSON object/],
      ['{"version": 3}', /version 3/],
      ['{\n<<<<<<< ours\n"a": 1\n=======\n"a": 2\n>>>>>>> theirs\n}\n', /conflict markers/],
    ];
    for (const [input, message] of cases) {
      const text = renderTextconv(input);
      expect(text).toMatch(message);
      expect(text.trimEnd().split("\n")).toHaveLength(1);
    }
    expect(renderTextconv("")).toBe("");
  });

  it("for any input at all", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), workingForm.map((d) => JSON.stringify(d))), (input) => {
        expect(typeof renderTextconv(input)).toBe("string");
      }),
    );
  });
});
