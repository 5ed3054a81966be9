/**
 * The git parts' bundles hold the scanner's rule tables as scripts/lean-rules.mjs rewrites them
 * (each pattern built on first use, no examples): the same rules, finding exactly what the
 * sources' rules find. And a file's rules are chosen from its present keywords (rulesToRun) as
 * asking each rule about each of its keywords did.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAN_RULE_FILES, leanRuleSource, leanRulesPlugin } from "../../scripts/lean-rules.mjs";
import { CORPUS_DIR, expandCorpusFile } from "../../scripts/gen-corpus.mjs";
import { RULES } from "../../src/scan/rules.js";
import type { PatternRule } from "../../src/scan/rules.js";
import { type Finding, keywordPass, rulesToRun, scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

const ROOT = resolve(import.meta.dirname, "../..");

interface LeanBundle {
  RULES: readonly PatternRule[];
  scanText: typeof scanText;
}

let dir: string;
let lean: LeanBundle;

beforeAll(async () => {
  // The scanner bundled as scripts/build.mjs bundles the hook's part, with the lean-rules plugin.
  dir = mkdtempSync(join(tmpdir(), "backpack-lean-rules-"));
  const out = join(dir, "scanner.mjs");
  await build({
    stdin: { contents: 'export { RULES } from "./src/scan/rules.ts";\nexport { scanText } from "./src/scan/scanner.ts";\n', resolveDir: ROOT, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: out,
    logLevel: "silent",
    write: true,
    plugins: [leanRulesPlugin(ROOT)],
  });
  lean = (await import(pathToFileURL(out).href)) as LeanBundle;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every text the comparison scans: the labeled corpus, every rule's own examples, and one large text (the windowed path). */
function texts(): Array<{ path: string; text: string }> {
  const { files } = JSON.parse(readFileSync(join(CORPUS_DIR, "labels.json"), "utf8")) as { files: Array<{ path: string }> };
  const corpus = files.map((f) => ({ path: f.path, text: expandCorpusFile(f.path, readFileSync(join(CORPUS_DIR, f.path), "utf8")) }));
  const examples = RULES.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative].map((template, i) => ({ path: `${rule.id}-${i}.txt`, text: expandFake(template, `${rule.id}-${i}`) })));
  const large = { path: "large.txt", text: corpus.map((c) => c.text).join("\n") };
  return [...corpus, ...examples, large];
}

const shown = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.fingerprint} ${f.name ?? ""}`);

describe("the lean rule tables (scripts/lean-rules.mjs)", () => {
  it("rewrite every rule table's patterns into getters and empty its examples", () => {
    for (const file of LEAN_RULE_FILES) {
      const { source, stats } = leanRuleSource(readFileSync(join(ROOT, file), "utf8"), file);
      expect(stats.patterns, file).toBeGreaterThan(0);
      expect(source.match(/\bget pattern\(\)/g)?.length, file).toBe(stats.patterns);
      // No pattern is left as a plain property, and no example string survives.
      expect(source, file).not.toMatch(/^\s*pattern:/m);
      expect(source, file).not.toMatch(/\b(?:examples|negatives|positive|negative): \[[^\]]/);
    }
  });

  it("leave eager a pattern whose expression would mean something else in a getter", () => {
    const source = 'const a = { pattern: /x/g };\nconst b = { pattern: this.re };\nconst c = { pattern: new RegExp(arguments[0]) };\nconst d = { pattern: [1].map(function () { return this; }) && /y/g };\n';
    const { source: out, stats } = leanRuleSource(source);
    expect(stats.patterns).toBe(2);
    expect(out).toContain("pattern: this.re");
    expect(out).toContain("pattern: new RegExp(arguments[0])");
    expect(out).not.toContain("pattern: /x/g");
    // Evaluated on first read, kept from then on.
    const objects = new Function(`${out.replace(/const (\w) =/g, "var $1 =").replace("pattern: this.re", "pattern: 1").replace("pattern: new RegExp(arguments[0])", "pattern: 2")}; return [a, d];`)() as Array<{ pattern: RegExp }>;
    expect(typeof Object.getOwnPropertyDescriptor(objects[0], "pattern")?.get).toBe("function");
    const first = objects[0]!.pattern;
    expect(first.source).toBe("x");
    expect(objects[0]!.pattern).toBe(first);
    expect(Object.getOwnPropertyDescriptor(objects[0], "pattern")?.value).toBe(first);
    expect(objects[1]!.pattern.source).toBe("y");
  });

  it("hold the same rules, in the same order, with the same patterns once read", () => {
    expect(lean.RULES.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(lean.RULES.map((r) => r.keywords)).toEqual(RULES.map((r) => r.keywords));
    // Built on first read, then kept: the same object at every later read.
    const first = lean.RULES.map((r) => r.pattern);
    expect(lean.RULES.map((r) => r.pattern.source)).toEqual(RULES.map((r) => r.pattern.source));
    expect(lean.RULES.map((r) => r.pattern.flags)).toEqual(RULES.map((r) => r.pattern.flags));
    lean.RULES.forEach((r, i) => expect(r.pattern).toBe(first[i]));
    lean.RULES.forEach((r) => expect(Object.getOwnPropertyDescriptor(r, "pattern")?.value, r.id).toBeInstanceOf(RegExp));
  });

  it("find exactly what the sources' rules find, on the corpus, every rule's examples and a large text", async () => {
    // A fresh copy of the bundle, whose patterns nothing has read yet.
    const fresh = (await import(`${pathToFileURL(join(dir, "scanner.mjs")).href}?fresh`)) as LeanBundle;
    const lazy = () => fresh.RULES.filter((r) => typeof Object.getOwnPropertyDescriptor(r, "pattern")?.get === "function").length;
    expect(lazy()).toBe(fresh.RULES.length);
    // A text with none of the rules' keywords builds only the rules that have none.
    fresh.scanText({ path: "plain.txt", text: "hello world\n" });
    expect(lazy()).toBe(fresh.RULES.filter((r) => r.keywords.length > 0).length);
    for (const { path, text } of texts()) {
      expect(shown(fresh.scanText({ path, text })), path).toEqual(shown(scanText({ path, text })));
    }
  }, 120_000);
});

describe("the keyword pass (keywords grouped by their first two characters)", () => {
  it("finds exactly the keywords a text holds, on the corpus and every rule's examples", () => {
    const keywords = [...new Set(RULES.flatMap((r) => r.keywords))];
    const small = texts().filter((t) => t.text.length < 64 * 1024);
    // Every keyword once, as a text of its own and beside the others' prefixes.
    const probes = [...small, ...keywords.map((k, i) => ({ path: `k${i}`, text: `${k.slice(0, 4)} ${k} ${k.slice(0, 2)}` }))];
    expect(small.length).toBeGreaterThan(300);
    for (const { path, text } of probes) {
      const lower = text.toLowerCase();
      expect([...keywordPass(text, RULES).present].sort(), path).toEqual(keywords.filter((k) => lower.includes(k)).sort());
    }
  });
});

describe("the keyword pass on random small texts", () => {
  it("finds exactly the keywords a text holds, with characters past ASCII among them", () => {
    const keywords = [...new Set(RULES.flatMap((r) => r.keywords))];
    const piece = fc.oneof(
      fc.constantFrom(...keywords),
      fc.constantFrom(...keywords).map((k) => k.slice(0, 2)),
      fc.constantFrom("é", "İ", "ß", "\u00a0", "漢", "😀", " ", "\n", "=", ":", ",", "-", "_", "K", "T"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const lower = text.toLowerCase();
        expect([...keywordPass(text, RULES).present].sort()).toEqual(keywords.filter((k) => lower.includes(k)).sort());
      }),
      { numRuns: 2000 },
    );
  });
});

describe("rulesToRun", () => {
  it("chooses, in order, the rules with no keywords and those with a keyword present", () => {
    const keywords = [...new Set(RULES.flatMap((r) => r.keywords))];
    const asked = (present: ReadonlySet<string>) => RULES.flatMap((r, i) => (r.keywords.length === 0 || r.keywords.some((k) => present.has(k)) ? [i] : []));
    fc.assert(
      fc.property(fc.subarray(keywords, { maxLength: 40 }), (some) => {
        const present = new Set(some);
        expect(rulesToRun(RULES, present)).toEqual(asked(present));
      }),
      { numRuns: 300 },
    );
    expect(rulesToRun(RULES, new Set(keywords))).toEqual(RULES.map((_, i) => i));
    const text = "const password = process.env.DB_PASSWORD;\n";
    expect(rulesToRun(RULES, keywordPass(text, RULES).present)).toEqual(asked(keywordPass(text, RULES).present));
  });
});

// The built bundle (npm test builds dist/ first): the hook's part has the lean tables.
describe("dist/git/pre-commit.cjs", () => {
  const bundle = join(ROOT, "dist/git/pre-commit.cjs");
  it.runIf(existsSync(bundle))("holds the lean tables: patterns built on first use, no examples", () => {
    const text = readFileSync(bundle, "utf8");
    expect(text.match(/get pattern\(\)/g)?.length ?? 0).toBeGreaterThan(100);
    expect(text).not.toMatch(/examples:\{positive:\[[^\]]/);
  });
});
