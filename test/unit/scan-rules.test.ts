import { describe, expect, it } from "vitest";
import { RULES, ruleCatalog } from "../../src/scan/rules.js";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake, hasTemplate } from "../helpers/fake-secrets.mjs";

// Table-driven: every rule's own examples. A positive must give a finding of
// that rule; a negative must give no finding at all (from any rule).
describe("rules table", () => {
  it("has unique ids, the g flag, lowercase keywords and examples", () => {
    const ids = ruleCatalog().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.pattern.flags, rule.id).toContain("g");
      expect(rule.pattern.source, `${rule.id} names its secret`).toContain("(?<secret>");
      for (const k of rule.keywords) expect(k, rule.id).toBe(k.toLowerCase());
      expect(rule.examples.positive.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.negative.length, rule.id).toBeGreaterThan(0);
    }
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      rule.examples.positive.forEach((template, i) => {
        it(`finds positive example ${i + 1}`, () => {
          const text = expandFake(template);
          expect(hasTemplate(text)).toBe(false);
          const findings = scanText({ path: "example.txt", text });
          expect(findings.map((f) => f.rule), `positive ${i + 1} of ${rule.id}`).toContain(rule.id);
          // The rule's keywords must let the text through the prefilter.
          if (rule.keywords.length) expect(rule.keywords.some((k) => text.toLowerCase().includes(k))).toBe(true);
        });
      });
      rule.examples.negative.forEach((template, i) => {
        it(`ignores negative example ${i + 1}`, () => {
          const findings = scanText({ path: "example.txt", text: expandFake(template) });
          expect(findings.map((f) => f.rule), `negative ${i + 1} of ${rule.id}`).toEqual([]);
        });
      });
    });
  }
});

// A text past 64 KB finds its keywords through a one-pass index instead of one `includes` each:
// every rule's positive examples, after 70 KB of keyword-free filler, give the same findings.
describe("keywords in a large text", () => {
  const filler = `${"lorem ipsum dolor sit amet, consectetur adipiscing elit\n".repeat(1_300)}\n`;
  it("finds every rule's positive examples past 64 KB as in a small text", () => {
    expect(filler.length).toBeGreaterThan(64 * 1024);
    for (const rule of RULES) {
      rule.examples.positive.forEach((template, i) => {
        const text = expandFake(template);
        const small = scanText({ path: "example.txt", text }).map((f) => f.rule);
        const large = scanText({ path: "example.txt", text: `${filler}${text}` }).map((f) => f.rule);
        expect(large, `positive ${i + 1} of ${rule.id}, past 64 KB`).toEqual(small);
      });
    }
    // Two scans of every rule's every example (about 1,800), one past 70 KB: 4 to 6 s alone, and past the
    // unit tests' 10 s beside the corpora's tests on two loaded cores.
  }, 30_000);
});
