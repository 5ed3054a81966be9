// Harvests more development cases: the test data of two more scanners, into
// test/external-corpus/dev.json (the case format of cases.json, read by
// scripts/gen-external-corpus.mjs and scored by test/unit/scan-dev-corpus.test.ts). Run once by
// hand when the sources move on; the output is committed, this script shows where each case came
// from and how.
//
//   node scripts/harvest-dev-cases.mjs --ripsecrets GITDIR --whispers GITDIR --trivy GITDIR --earlybird GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD. What is taken:
//   ripsecrets (MIT)         test/one_per_line/<family>: each line a secret; test/one_per_file/*:
//                            each file a secret; test/none: each line a look-alike (lines that
//                            test ripsecrets' own ignore mechanisms, a pragma or .secretsignore,
//                            are left out: they hold a real-looking secret on purpose);
//   whispers (BSD-3-Clause)  tests/fixtures/*: each fixture's compliant part (a look-alike) and
//                            its noncompliant part (secrets), split at its `noncompliant` marker;
//                            apikeys-known.yml and webhooks.yml line by line, the family named
//                            by the line's key (`Github01:`, `slack-webhook:`);
//   trivy (Apache-2.0)       pkg/fanal/secret/testdata/*: the lines of each finding its builtin rules
//                            must report (pkg/fanal/secret/scanner_test.go: the finding's rule,
//                            category, start and end line), and as look-alikes the other lines of
//                            those files and every line of a file whose test wants no finding with
//                            the builtin rules (custom-rule tests, files skipped by path, left out);
//   earlybird (Apache-2.0)   pkg/scan/falsePositives_test.go: each hit of a password or key rule with
//                            its file name and the line or match, a secret when the test wants it
//                            kept, a look-alike when it wants it skipped as a false positive; and
//                            pkg/postprocess/skipSameKeyValue_test.go's lines the same way.
// whispers marks its secrets with the word `hardcoded` (`password: hardcoded1`); a random run of
// the same length takes its place, so each case tests the syntax around a value, as a real
// secret would sit there.
//
// Nothing token-shaped is written: every random run becomes a template of the same length and
// class (scripts/harvest-external-cases.mjs's templatize).
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { git, ls, opt, show, templatize, writeCases } from "./harvest-external-cases.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "test/external-corpus/dev.json");

const SOURCES = {
  ripsecrets: { repo: "sirwart/ripsecrets", license: "MIT" },
  whispers: { repo: "adeptex/whispers", license: "BSD-3-Clause" },
  trivy: { repo: "aquasecurity/trivy", license: "Apache-2.0" },
  earlybird: { repo: "americanexpress/earlybird", license: "Apache-2.0" },
};

const printable = (text) => !/[«»]/.test(text) && !/[^\t\n\r\x20-\x7e]/.test(text);

// Providers' prefixes stay literal (a template of `AIzaSy…` would lose what makes it a Google key),
// and so does the letter after a `\n` escape (a PEM body in a JSON or YAML string).
const PREFIXES = ["AIza", "eyJ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "xapp", "sk_live_", "rk_live_", "whsec_", "npm_", "SG."];
const template = (text) => templatize(text.replace(/\\n/g, "\\n\u0001"), PREFIXES).split("\u0001").join("");

const RIPSECRETS_FAMILIES = { url: "basicauth", random: "generic", aws_json: "aws", pem_key: "privatekey", private_key: "privatekey" };

function harvestRipsecrets(dir) {
  const cases = [];
  for (const path of ls(dir, "test")) {
    const name = basename(path);
    const family = RIPSECRETS_FAMILIES[name] ?? name;
    const text = show(dir, path);
    if (path.startsWith("test/one_per_file/")) {
      if (printable(text)) cases.push({ family, rule: `ripsecrets/${name}`, label: "tp", text: template(text.trimEnd()), src: "ripsecrets", path });
      continue;
    }
    const label = path === "test/none" ? "fp" : "tp";
    for (const line of text.split("\n")) {
      if (!line.trim() || !printable(line)) continue;
      // ripsecrets' own ignore mechanisms: the line holds a real-looking secret on purpose.
      if (label === "fp" && /pragma: allowlist|secretsignore/.test(line)) continue;
      cases.push({ family: label === "fp" ? "generic" : family, rule: `ripsecrets/${name}`, label, text: template(line), src: "ripsecrets", path });
    }
  }
  console.error(`ripsecrets: ${cases.length} cases`);
  return cases;
}

/** whispers' fixtures by family (the rest: generic, a value under a secret's name). */
const WHISPERS_FAMILIES = [
  [/^aws\./, "aws"],
  [/^\.aws\//, "aws"],
  [/privatekey|\.pem$|\.ppk$|pgp/, "privatekey"],
  [/^uri\.yml$|^pip\.conf$/, "basicauth"],
  [/^jdbc\.xml$|connection\.config/, "database"],
  [/^\.npmrc$/, "npm"],
  [/dockercfg/, "docker"],
  [/^script\.sh$/, "curl"],
  [/creditcards/, "creditcard"],
  [/^arn\./, "arn"],
];
// Line-by-line fixtures: the key names the family (`Github01:` github, `slack-webhook:` slack).
const WHISPERS_KEY_FAMILIES = { outlook: "teams", google: "gcp", sendgrid: "sendgrid", telegram: "telegram" };

// whispers' secret marker becomes a random run: 16 characters (a password of 9 random characters can
// read as a word by chance), or as long as the marker inside a token whose length is its format's.
const unmark = (text, sameLength = false) => text.replace(/(?:YXNkZmZmZmZm_)?hard-?co(?:de)?d|h4rdc0ded/gi, (m) => `«A${sameLength ? m.length : 16}»`);

function harvestWhispers(dir) {
  const cases = [];
  const root = "tests/fixtures/";
  for (const path of ls(dir, "tests/fixtures")) {
    const file = path.slice(root.length);
    const text = show(dir, path);
    // Fixtures of whispers' configuration (keys and values its config excludes) test that config, not a look-alike.
    if (!printable(text) || text.length > 6000 || /^(?:excluded|custom)\./.test(file)) continue;
    const ext = extname(file) || (basename(file).startsWith(".") ? basename(file) : "");
    if (/^(?:apikeys-known|webhooks)\.yml$/.test(file)) {
      let label = "fp";
      for (const line of text.split("\n")) {
        if (/^\s*noncompliant:/.test(line)) label = "tp";
        const key = /^\s+([A-Za-z]+?)(?:\d+|-webhook)?:\s*\S/.exec(line)?.[1]?.toLowerCase();
        if (!key) continue;
        const family = WHISPERS_KEY_FAMILIES[key] ?? key;
        // The key (`Github01`) stays as it is; the value is templated.
        const [, name = "", value = ""] = /^\s*([^:]+:)(.*)$/.exec(line) ?? [];
        cases.push({ family, rule: `whispers/${file}`, label, text: `${name}${template(unmark(value, true))}`, src: "whispers", path, ext: ".yml" });
      }
      continue;
    }
    // Split at the marker of the noncompliant part (`# Noncompliant`, `noncompliant:`, `<!-- Noncompliant -->`, `<incompliant>`).
    const lines = text.split("\n");
    const at = lines.findIndex((l) => /^\s*(?:#|<!--|--+|<)?\s*(?:non-?compliant|incompliant)\b/i.test(l));
    if (at < 0) continue;
    const family = WHISPERS_FAMILIES.find(([re]) => re.test(file))?.[1] ?? "generic";
    const parts = [
      ["fp", lines.slice(0, at).join("\n")],
      ["tp", lines.slice(at).join("\n")],
    ];
    for (const [label, part] of parts) {
      // A part with no value in it (only markers and headers) is no case.
      if (!/[=:>]\s*\S|\s-\S/.test(part)) continue;
      cases.push({ family, rule: `whispers/${file}`, label, text: template(unmark(part.trimEnd())), src: "whispers", path, ext });
    }
  }
  console.error(`whispers: ${cases.length} cases`);
  return cases;
}

const TRIVY_DIR = "pkg/fanal/secret/";
// Markers inside trivy's tokens stay literal too (OpenAI's `T3BlbkFJ`, Azure's `ACOG`).
// A Kubernetes Secret's `.dockerconfigjson:` value is base64 of a JSON document: its `ey`/`ew` (`{"`, `{\n`) stays.
const trivyTemplate = (text) =>
  templatize(text.replace(/\\n/g, "\\n\u0001").replace(/(\.docker(?:configjson|cfg):\s*)(e[wy3])/g, "$1$2\u0001"), [...PREFIXES, "T3BlbkFJ", "ACOG", "packagist_", "dockercfg"])
    .split("\u0001")
    .join("");
// Rules of trivy's tests' own configs (testdata/config*.yaml), not its builtin ones.
const TRIVY_CUSTOM_RULES = new Set(["rule1", "multi-line-secret"]);
// Files its tests skip by path (an example file, Markdown) or that hold invalid UTF-8: no case.
const TRIVY_SKIPPED = /example-secret|secret\.md$|invalid-utf8|\.yaml$/;
// A line with a value in it (a run of 8 or more, or an assignment): a look-alike worth a case.
const hasValue = (line) => (/[A-Za-z0-9+/_-]{12,}/.test(line) || /[=:]\s*\S/.test(line)) && !/^\s*(?:#|\/\/)|^-----(?:BEGIN|END)/.test(line);

/** trivy's expected findings: { file, rule, family, start, end } from scanner_test.go's table. */
function trivyFindings(dir) {
  const src = show(dir, `${TRIVY_DIR}scanner_test.go`);
  const body = src.slice(src.indexOf("func TestSecretScanner("), src.indexOf("func TestSecretScannerWithStreaming"));
  // Findings are written as variables (`wantFindingX := types.SecretFinding{...}`) or inline in a case.
  const parse = (text) =>
    [...text.matchAll(/RuleID:\s*"([^"]+)",\s*\n\s*Category:\s*(?:secret\.Category(\w+)|"([^"]+)")[\s\S]*?StartLine:\s*(\d+),\s*\n\s*EndLine:\s*(\d+)/g)].map((m) => ({
      rule: m[1],
      family: m[2] ?? m[3],
      start: Number(m[4]),
      end: Number(m[5]),
    }));
  const vars = new Map();
  for (const m of body.matchAll(/\n\t(\w+) := types\.SecretFinding\{([\s\S]*?)\n\t\}/g)) vars.set(m[1], parse(`RuleID${m[2].slice(m[2].indexOf("RuleID") + 6)}`)[0]);
  // OpenAI's findings come from a helper: one line, line 1.
  for (const m of body.matchAll(/\n\t(\w+) := openAIFinding\("([^"]+)"/g)) vars.set(m[1], { rule: m[2], family: "OpenAI", start: 1, end: 1 });
  const tests = [];
  for (const block of body.split(/\n\t\t\{\n\t\t\tname:/).slice(1)) {
    const input = /inputFilePath:\s*(?:filepath\.Join\("testdata", "([^"]+)"\)|"testdata\/([^"]+)")/.exec(block);
    if (!input) continue;
    const named = [...new Set(block.match(/\bwant\w+/g) ?? [])].map((id) => vars.get(id)).filter(Boolean);
    const inline = parse(block.replace(/\bwant\w+/g, ""));
    tests.push({ file: input[1] ?? input[2], findings: [...named, ...inline] });
  }
  return tests;
}

function harvestTrivy(dir) {
  const cases = [];
  const byFile = new Map();
  for (const t of trivyFindings(dir)) {
    if (TRIVY_SKIPPED.test(t.file)) continue;
    const builtin = t.findings.filter((f) => !TRIVY_CUSTOM_RULES.has(f.rule));
    // A test of a custom rule only says nothing about the builtin ones.
    if (t.findings.length && !builtin.length) continue;
    const entry = byFile.get(t.file) ?? { findings: new Map(), tested: true };
    for (const f of builtin) entry.findings.set(`${f.start}-${f.end}`, f);
    byFile.set(t.file, entry);
  }
  for (const [file, { findings }] of byFile) {
    const path = `${TRIVY_DIR}testdata/${file}`;
    const text = show(dir, path).replace(/\r\n/g, "\n");
    if (!printable(text)) continue;
    const lines = text.split("\n");
    const covered = new Set();
    const ext = extname(file) === ".txt" ? undefined : extname(file);
    for (const f of findings.values()) {
      // A private key's finding is its body: the case is the whole block, BEGIN to END.
      if (f.rule === "private-key") {
        while (f.start > 1 && !/-----BEGIN/.test(lines[f.start - 1] ?? "") && /-----BEGIN/.test(lines.slice(0, f.start - 1).join("\n"))) f.start--;
        while (f.end < lines.length && !/-----END/.test(lines[f.end - 1] ?? "")) f.end++;
      }
      const snippet = lines.slice(f.start - 1, f.end).join("\n");
      for (let n = f.start; n <= f.end; n++) covered.add(n);
      cases.push({ family: f.family, rule: `trivy/${f.rule}`, label: "tp", text: trivyTemplate(snippet.trimEnd()), src: "trivy", path, ...(ext ? { ext } : {}) });
    }
    lines.forEach((line, i) => {
      if (covered.has(i + 1) || !hasValue(line)) return;
      cases.push({ family: "generic", rule: `trivy/${file}`, label: "fp", text: trivyTemplate(line.trimEnd()), src: "trivy", path, ...(ext ? { ext } : {}) });
    });
  }
  console.error(`trivy: ${cases.length} cases`);
  return cases;
}

// earlybird's rule codes by family (config/rules/*.yaml): the password and key rules; the rest
// (phone numbers, e-mail addresses, deprecated crypto) are no secrets.
function earlybirdCodes(dir) {
  const codes = new Map();
  for (const path of ls(dir, "config/rules")) {
    for (const m of show(dir, path).matchAll(/- Code: (\d+)[\s\S]*?Caption: ([^\n]*)[\s\S]*?Category: ([\w-]+)/g)) {
      const [, code, caption, category] = m;
      if (category === "password-secret") codes.set(Number(code), "generic");
      else if (category === "key") codes.set(Number(code), /private key/i.test(caption) ? "privatekey" : /aws/i.test(caption) ? "aws" : "generic");
    }
  }
  return codes;
}

function harvestEarlybird(dir) {
  const codes = earlybirdCodes(dir);
  const path = "pkg/scan/falsePositives_test.go";
  const cases = [];
  const goString = (s) => (s.startsWith("`") ? s.slice(1, -1) : JSON.parse(s));
  for (const block of show(dir, path).split(/\n\t\t\{\n/).slice(1)) {
    const code = Number(/Code:\s*(\d+)/.exec(block)?.[1]);
    const file = /Filename:\s*"([^"]*)"/.exec(block)?.[1] ?? "";
    const value = /(?:LineValue|MatchValue):\s*(`[^`]*`|"(?:[^"\\]|\\.)*")/.exec(block)?.[1];
    const want = /wantIsFP:\s*(true|false)/.exec(block)?.[1];
    if (!codes.has(code) || !value || !want) continue;
    const text = goString(value).trim();
    if (!text || !printable(text) || text.length > 2000) continue;
    const ext = extname(file) || undefined;
    const label = want === "true" ? "fp" : "tp";
    // A word and a number (`secretPassword123`) keeps its word; its digits are drawn, so no committed line reads as a password.
    const templated = template(text).replace(/([A-Za-z]{6,})(\d{3,})(?![A-Za-z0-9])/g, (_, word, digits) => `${word}«d${digits.length}»`);
    cases.push({ family: label === "fp" ? "generic" : codes.get(code), rule: `earlybird/${code}`, label, text: templated, src: "earlybird", path, ...(ext ? { ext } : {}) });
  }
  // Its same-key-and-value check (pkg/postprocess): the whole line, skipped (a look-alike) or kept (a password).
  const same = "pkg/postprocess/skipSameKeyValue_test.go";
  for (const block of show(dir, same).split(/\n\t\{\n/).slice(1)) {
    const line = /lineValue:\s*("(?:[^"\\]|\\.)*"|`[^`]*`)/.exec(block)?.[1];
    const want = /wantIgnore:\s*(true|false)/.exec(block)?.[1];
    if (!line || !want) continue;
    const text = goString(line).trim();
    const label = want === "true" ? "fp" : "tp";
    const templated = template(text).replace(/([A-Za-z]{6,})(\d{3,})(?![A-Za-z0-9])/g, (_, word, digits) => `${word}«d${digits.length}»`);
    cases.push({ family: "generic", rule: "earlybird/skip-same-key-value", label, text: templated, src: "earlybird", path: same, ext: ".yaml" });
  }
  console.error(`earlybird: ${cases.length} cases`);
  return cases;
}

const direct = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (direct) {
  if (!Object.keys(SOURCES).every((s) => opt(s))) {
    console.error("usage: node scripts/harvest-dev-cases.mjs --ripsecrets DIR --whispers DIR --trivy DIR --earlybird DIR");
    process.exit(2);
  }
  const all = [...harvestRipsecrets(opt("ripsecrets")), ...harvestWhispers(opt("whispers")), ...harvestTrivy(opt("trivy")), ...harvestEarlybird(opt("earlybird"))];
  const sources = Object.fromEntries(Object.entries(SOURCES).map(([s, meta]) => [s, { ...meta, commit: git(opt(s), "rev-parse", "HEAD").trim() }]));
  console.error(`${writeCases(OUT, sources, all)} cases -> ${OUT}`);
}
