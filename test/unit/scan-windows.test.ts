import { describe, expect, it } from "vitest";
import { matchEnd, requiredLiterals } from "../../src/scan/literals.js";
import { RULES } from "../../src/scan/rules.js";
import { LiteralHits, keywordPass, ruleMatches, scanText, windowsOf } from "../../src/scan/scanner.js";
import { ADVERSARIAL } from "../helpers/adversarial.mjs";
import { examplesInCode, filler } from "../helpers/examples-in-code.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// On a large text a rule runs only in windows near the literals its every match must hold
// (src/scan/literals.ts, ruleMatches in src/scan/scanner.ts). These tests hold the windowed run
// to the rule's own global pattern: the same matches, in the same order, with the same groups.

const KEYWORDS = new Set(RULES.flatMap((r) => r.keywords));

const describeMatches = (matches: Iterable<{ index: number; text: string; groups: Record<string, string | undefined> }>) =>
  [...matches].map((m) => `${m.index}+${m.text.length} ${JSON.stringify(m.groups)}`);

/** The literals' offsets two ways: as the scanner finds them (the keyword pass records the keywords'), and each by its own search. */
function hitsFor(text: string): { pass: LiteralHits; searched: LiteralHits } {
  const lower = text.toLowerCase();
  const { hits } = keywordPass(text, RULES);
  if (!hits) throw new Error("a large text is expected");
  return { pass: hits, searched: new LiteralHits(text, lower, KEYWORDS, new Set([...KEYWORDS].filter((k) => lower.includes(k)))) };
}

type Windows = ReturnType<typeof windowsOf>;

/** Two rules' windows are the same: none, or the same reach before the same offsets (compared here: a deep equality of thousands of offsets per rule doubled this file's time). */
function sameWindows(a: Windows, b: Windows): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.within !== b.within || a.at.length !== b.at.length) return false;
  for (let i = 0; i < a.at.length; i++) if (a.at[i] !== b.at[i]) return false;
  return true;
}

const describeWindows = (windows: Windows) => (windows ? `${windows.at.length} offsets, reach ${windows.within}` : "none");

/**
 * `rule` run in windows on `text` finds `whole`, its global pattern's matches, from the keyword pass's
 * offsets; and the offsets searched one literal at a time open the same windows. ruleMatches reads the
 * offsets only through windowsOf (a gate's own windows, PatternRule.gate.windows, read no offsets), so the
 * same windows find the same matches: the second way is held to its windows, not run again (it took a third
 * of this file's time). Returns the windows.
 */
function expectWindowedMatches(rule: (typeof RULES)[number], text: string, hits: ReturnType<typeof hitsFor>, whole: string[], label: string): Windows {
  expect(describeMatches(ruleMatches(rule, text, hits.pass)), `${rule.id} on ${label}, the keyword pass's offsets`).toEqual(whole);
  const windows = windowsOf(rule, text, hits.pass);
  const searched = windowsOf(rule, text, hits.searched);
  expect(sameWindows(searched, windows), `${rule.id} on ${label}: the offsets searched open ${describeWindows(searched)}, the keyword pass's ${describeWindows(windows)}`).toBe(true);
  return windows;
}

function expectSameMatches(text: string, label: string): void {
  const hits = hitsFor(text);
  for (const rule of RULES) expectWindowedMatches(rule, text, hits, describeMatches(ruleMatches(rule, text, undefined)), label);
}

describe("a rule run in windows finds what its pattern finds", () => {
  it("on every rule's examples set in a large text of code", { timeout: 120_000 }, () => {
    const text = examplesInCode();
    // The examples do match (a test that compares two empty lists proves nothing).
    expect(RULES.filter((rule) => [...ruleMatches(rule, text, undefined)].length > 0).length).toBeGreaterThan(RULES.length * 0.9);
    expectSameMatches(text, "examples in code");
  });

  it("on every rule's examples in code and in source with a few vendors' names: windows at a gate's offsets", { timeout: 120_000 }, () => {
    // vendor-named-secret's gate says where its matches can be (the operators after a vendor's name): on code, whose
    // operators are everywhere and literals too common, the rule runs in those windows. They are used here, and the
    // matches are the whole pattern's.
    const vendors = ['cloudflare: "«h37»"', 'sumologic_access_id = "«A14»"', "myCloudflare = '«A40»'", 'scumbagcloudflare: "«h37»"', "cloudflare = getCloudflareClient(config)"];
    const code = filler(300_000);
    const sparse = vendors.map((t, i) => `${code.slice(i * 60_000, (i + 1) * 60_000)}\n${expandFake(t, `gate-windows:${i}`)}\n`).join("");
    for (const [label, text] of [["examples in code", examplesInCode()], ["code with a few vendors' names", sparse]] as const) {
      const { hits } = keywordPass(text, RULES);
      const gated = RULES.filter((rule) => rule.gate?.windows);
      expect(gated.map((rule) => rule.id)).toContain("vendor-named-secret");
      for (const rule of gated) {
        const near = rule.gate?.windows?.(text);
        expect(near && near.at.length > 0 && near.at.length * (near.within + 64) * 2 <= text.length, `${rule.id}: windows on ${label}`).toBe(true);
        const whole = describeMatches(ruleMatches(rule, text, undefined));
        expect(whole.length, `${rule.id} on ${label}`).toBeGreaterThan(0);
        expect(describeMatches(ruleMatches(rule, text, hits)), `${rule.id} on ${label}`).toEqual(whole);
      }
    }
  });

  // One test a shape: the shapes together take 90 to 115 s of a loaded machine, too near one test's limit.
  it.each(Object.entries(ADVERSARIAL))("on the adversarial shape %s", { timeout: 60_000 }, (shape, make) => {
    expectSameMatches(make(100_000), shape);
  });

  it("on every rule's examples set apart by long runs: windows before the ends of values", { timeout: 120_000 }, () => {
    // Each rule whose matches must end before a boundary (literals.ts, matchEnd) on its own examples,
    // one a line, the lines apart by a long run without a boundary, so that the boundaries are rare:
    // a run of one letter, and a run of the literals the rule's windows would open at (too common then
    // to open any), so the rule runs only before the boundaries.
    const windowed = new Set<string>();
    let matched = 0;
    for (const rule of RULES) {
      const end = matchEnd(rule.pattern);
      if (!end || end.longest > 2_000) continue;
      const examples = [...rule.examples.positive, ...rule.examples.negative].map((t, i) => expandFake(t, `${rule.id}:ends:${i}`));
      const boundary = new RegExp(end.boundary, rule.pattern.flags.includes("i") ? "gi" : "g");
      const most = Math.max(...examples.map((e) => e.match(boundary)?.length ?? 0)) + 2;
      const length = Math.max(70_000 / (examples.length + 1), (end.longest + 64) * 2 * most);
      const literals = (requiredLiterals(rule.pattern, KEYWORDS)?.strings ?? []).filter((s) => !new RegExp(end.boundary).test(s)).join("");
      for (const unit of ["q", literals || "q"]) {
        const run = `\n${unit.repeat(Math.ceil(length / unit.length))}\n`;
        const text = `${examples.map((example) => run + example).join("")}${run}`;
        const whole = describeMatches(ruleMatches(rule, text, undefined));
        const windows = expectWindowedMatches(rule, text, hitsFor(text), whole, `runs of ${unit}`);
        if (windows && windows.within === end.longest) windowed.add(rule.id);
        if (whole.length > 0) matched++;
      }
    }
    // The windows were used (among others, by the rules whose literals are too common to open windows in
    // adversarial texts: the generic names, the operators before a vendor's name), on texts with matches.
    expect([...windowed]).toEqual(expect.arrayContaining(["generic-secret", "generic-secret-punctuated", "vendor-named-secret"]));
    expect(windowed.size).toBeGreaterThan(100);
    expect(matched).toBeGreaterThan(300);
  });

  it("on a text whose lowercase form is longer (İ): the rules that ignore case run whole", { timeout: 60_000 }, () => {
    const text = `İ${examplesInCode()}`;
    expect(text.toLowerCase().length).toBeGreaterThan(text.length);
    expectSameMatches(text, "a text with İ");
  });
});

describe("the keyword pass on a large text", () => {
  // A guard (it holds before and after the pass read a keyword's fourth, then last, character first, and passed
  // over a trigram whose keywords are all too common): where the pass
  // records each keyword is where a search finds it, or null past one occurrence in DENSE_HITS (128) characters.
  it("records every keyword's offsets as a search finds them, on every adversarial shape and on code", { timeout: 120_000 }, () => {
    const keywords = [...KEYWORDS];
    // Each keyword beside the others that share its first three characters, and cut short after them.
    const near = keywords.map((k, i) => `${k} ${k.slice(0, 3)}${keywords[(i + 1) % keywords.length]} ${k.slice(0, 4)}=`).join("\n");
    const otherLast = keywords.map((k) => `${k.slice(0, -1)}${k.endsWith("x") ? "y" : "x"} ${k.slice(1)}`).join(" ");
    const texts: Array<[string, string]> = [
      ...Object.entries(ADVERSARIAL).map(([shape, make]): [string, string] => [shape, make(100_000)]),
      ["examples in code", examplesInCode()],
      ["keywords beside their neighbours", near.repeat(Math.ceil(70_000 / near.length))],
      // Each keyword with another last character (its fourth still the same), and the keywords after runs that make
      // some of them too common to record: the others that share their first three characters are still recorded.
      ["keywords with another last character", otherLast.repeat(Math.ceil(70_000 / otherLast.length))],
      ["keywords after dense runs", `${"secret ".repeat(12_000)}${"password=".repeat(9_000)}${"tokentoken".repeat(800)}${near}`],
    ];
    for (const [label, text] of texts) {
      const lower = text.toLowerCase();
      const { present, hits } = keywordPass(text, RULES);
      if (!hits) throw new Error(`${label}: a large text is expected`);
      expect([...present].sort(), label).toEqual(keywords.filter((k) => lower.includes(k)).sort());
      for (const keyword of keywords) {
        const found: number[] = [];
        for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) found.push(at);
        expect(hits.of(keyword, true), `${keyword} in ${label}`).toEqual(found.length > lower.length / 128 ? null : found);
      }
    }
  });
});

describe("the literals a rule's matches hold", () => {
  it("are found for the rules that cost most on source code (the generic names, the vendors' names' operators)", () => {
    const byId = (id: string) => RULES.find((r) => r.id === id)?.pattern as RegExp;
    expect(requiredLiterals(byId("generic-secret"), KEYWORDS)?.strings).toEqual(expect.arrayContaining(["token", "key", "secret", "pass"]));
    // The vendors' names are read by a prefix tree after the operator, so the operator is what every match holds.
    expect(requiredLiterals(byId("vendor-named-secret"), KEYWORDS)?.strings).toEqual(expect.arrayContaining(["=", ":", ","]));
    // A pattern that starts with a plain literal the engine skips to on its own is left alone.
    expect(requiredLiterals(/xox[bp]-\d+/g, KEYWORDS)).toBeUndefined();
    // So is one it cannot read.
    expect(requiredLiterals(/(a)\1token/g, KEYWORDS)).toBeUndefined();
  });

  it("hold in every match of every rule's examples, within the bound", () => {
    let checked = 0;
    for (const rule of RULES) {
      const required = requiredLiterals(rule.pattern, KEYWORDS);
      if (!required) continue;
      for (const template of [...rule.examples.positive, ...rule.examples.negative]) {
        const text = expandFake(template);
        const haystack = required.ignoreCase ? text.toLowerCase() : text;
        for (const m of ruleMatches(rule, text, undefined)) {
          const window = haystack.slice(m.index, m.index + required.within + Math.max(...required.strings.map((s) => s.length)));
          const held = required.strings.some((s) => {
            const at = window.indexOf(s);
            return at >= 0 && at <= required.within;
          });
          expect(held, `${rule.id}: ${JSON.stringify(required)} in ${template}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe("where a rule's matches end", () => {
  it("is read from a closing lookahead at the pattern's top level, and nowhere else", () => {
    expect(matchEnd(/token=(?<secret>\w{8,20})(?![^\s"])/g)).toEqual({ boundary: '[\\s"]', longest: 26 });
    expect(matchEnd(/key:(?<secret>[a-f0-9]{32})(?![A-Za-z0-9])/gi)).toEqual({ boundary: "[^A-Za-z0-9]", longest: 36 });
    expect(matchEnd(/id=(?=(?<secret>[\w+/]{16,40})(?![^\s;]))\k<secret>/g)).toEqual({ boundary: "[\\s;]", longest: 43 });
    // Not at the top level: an alternative without it, or a group around it.
    expect(matchEnd(/a(?<s>\w{8})|b(?<t>\w{8})(?![\w])/g)).toBeUndefined();
    expect(matchEnd(/(?:a\w{8}(?![\w]))/g)).toBeUndefined();
    // An escaped backslash before it leaves it a lookahead; an unbounded match has no window.
    expect(matchEnd(/a\\(?![\w])/g)).toEqual({ boundary: "[^\\w]", longest: 2 });
    expect(matchEnd(/a\w+(?![\w])/g)).toBeUndefined();
  });

  it("holds in every match of every rule's examples: a boundary or the text's end follows, within the bound", () => {
    let checked = 0;
    for (const rule of RULES) {
      const end = matchEnd(rule.pattern);
      if (!end) continue;
      const boundary = new RegExp(`^${end.boundary}`, rule.pattern.flags.includes("i") ? "i" : "");
      for (const template of [...rule.examples.positive, ...rule.examples.negative]) {
        const text = expandFake(template);
        for (const m of ruleMatches(rule, text, undefined)) {
          const after = m.index + m.text.length;
          expect(after === text.length || boundary.test(text.slice(after, after + 1)), `${rule.id}: ${end.boundary} after ${template}`).toBe(true);
          expect(m.text.length, `${rule.id}: ${template}`).toBeLessThanOrEqual(end.longest);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe("the scanner on a large text", () => {
  it("finds the same secrets as on the small texts it is made of", { timeout: 60_000 }, () => {
    const code = filler(70_000);
    const secrets = ['client_secret = "«A32»"', "CLOUDFLARE_API_TOKEN: «A40»", 'password = "Kq«A10»7!"', "aws_secret_access_key = «b40»"].map((t, i) => expandFake(t, `large:${i}`));
    for (const secret of secrets) {
      const small = scanText({ path: "config.yml", text: `${secret}\n` });
      expect(small.length, secret.slice(0, 12)).toBe(1);
      const large = scanText({ path: "config.yml", text: `${code}\n${secret}\n${code}` });
      expect(large.map((f) => [f.rule, f.fingerprint, f.column]), secret.slice(0, 12)).toEqual(small.map((f) => [f.rule, f.fingerprint, f.column]));
    }
  });
});
