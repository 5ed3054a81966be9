import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffDocuments, formatDocumentDiff, isUnchanged } from "../../src/core/layer-diff.js";
import { jsonEqual } from "../../src/core/merge.js";
import type { JsonObject, WorkingForm } from "../../src/core/schema.js";
import { redactionTag } from "../../src/core/textconv.js";
import { editedForm, workingForm } from "../helpers/arbitraries.js";

const SECRET = "sk-test-layerdiff-0001";
const before: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: SECRET }, OLD: { source: "vault" } },
  personality: { system_prompt: "Line one.\nLine two.\nLine three.\nLine four.\nLine five.\nLine six.", tone: "formal" },
  memory: { facts: ["a", "b"], user: { name: "Ada", city: "Paris" } },
};
const after: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: `${SECRET}-rotated` }, NEW: { source: "vault" } },
  personality: { system_prompt: "Line one.\nLine two.\nLine 3.\nLine four.\nLine five.\nLine six.", tone: "playful" },
  memory: { facts: ["a", "b", "c"], user: { name: "Ada" } },
};

const text = (lines: { text: string }[]) => lines.map((l) => l.text).join("\n");

describe("backpack diff summary", () => {
  it("lists keys added, removed and changed per layer, with line diffs for long strings and lists", () => {
    expect(text(formatDocumentDiff(diffDocuments(before, after)))).toBe(
      [
        "[credentials] 1 added, 1 removed, 1 changed",
        `  ~ DEPLOY.value: ${redactionTag("DEPLOY", SECRET)} → ${redactionTag("DEPLOY", `${SECRET}-rotated`)}`,
        '  + NEW.source: "vault"',
        '  - OLD.source: "vault"',
        "[personality] 2 changed",
        "  ~ system_prompt:",
        "        Line one.",
        "        Line two.",
        "      - Line three.",
        "      + Line 3.",
        "        Line four.",
        "        Line five.",
        '  ~ tone: "formal" → "playful"',
        "[memory] 1 removed, 1 changed",
        "  ~ facts:",
        '        "a"',
        '        "b"',
        '      + "c"',
        '  - user.city: "Paris"',
      ].join("\n"),
    );
  });

  it("never shows a credential value unless asked", () => {
    const redacted = text(formatDocumentDiff(diffDocuments(before, after)));
    expect(redacted.includes(SECRET)).toBe(false);
    const shown = text(formatDocumentDiff(diffDocuments(before, after), { showSecrets: true }));
    expect(shown.includes(`"${SECRET}" → "${SECRET}-rotated"`)).toBe(true);
    // An added file lists every key as added, still redacted.
    const added = text(formatDocumentDiff(diffDocuments(undefined, after)));
    expect(added).toContain("[credentials] 3 added");
    expect(added.includes(SECRET)).toBe(false);
  });

  it("says nothing changed exactly when the documents are equal", () => {
    fc.assert(
      fc.property(
        workingForm.chain((doc) => fc.tuple(fc.constant(doc), editedForm(doc))),
        ([a, b]) => {
          expect(isUnchanged(diffDocuments(a, a))).toBe(true);
          expect(isUnchanged(diffDocuments(a, b))).toBe(jsonEqual(a as unknown as JsonObject, b as unknown as JsonObject));
          // Every change carries the value of the side(s) it comes from.
          for (const section of diffDocuments(a, b)) {
            for (const change of section.changes) {
              if (change.kind !== "added") expect(change.before).not.toBeUndefined();
              if (change.kind !== "removed") expect(change.after).not.toBeUndefined();
            }
          }
        },
      ),
    );
  });
});
