// Harvests more development cases: the test data of two more scanners, into
// external-corpus/ (local corpora) dev.json (the case format of cases.json, read by
// scripts/gen-external-corpus.mjs and scored by test/unit/scan-dev-corpus.test.ts). Run once by
// hand when the sources move on; the output is committed, this script shows where each case came
// from and how.
//
//   node scripts/harvest-dev-cases.mjs --ripsecrets GITDIR --whispers GITDIR --trivy GITDIR --earlybird GITDIR \
//        --microsoft GITDIR --checkov GITDIR --kics GITDIR --2ms GITDIR --gitleaks GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD; a source left off the command line keeps the
// cases dev.json already has for it. What is taken:
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
//                            pkg/postprocess/skipSameKeyValue_test.go's lines the same way;
//   microsoft (MIT)          microsoft/security-utilities: GeneratedRegexPatterns/{HighConfidenceSecurityModels,
//                            PreciselyClassifiedSecurityKeys}.json, the patterns its tests draw their true
//                            positives from (GenerateTruePositiveExamples draws at random in C#): two
//                            draws of each pattern's `refine` group (randexp; its signatures kept
//                            literal), secrets; as look-alikes the literal strings its classes yield as
//                            false positives, and the values its data classifiers name (GUIDs, IP
//                            addresses, numbers: no secret);
//   checkov (Apache-2.0)     tests/secrets/test_plugin.py: each analyze_line(file, line) with the count
//                            its test wants (none: a look-alike); tests/secrets/sanity: the lines of
//                            secrets/ (its test wants each found) and of non_secrets/, iac_fp/ and
//                            non_iac_fp/ (none), and the lines of resources/cfn/secret-no-false-positive*.yml;
//   kics (Apache-2.0)        Checkmarx/kics' query assets/queries/common/passwords_and_secrets (read from a
//                            fork that holds it, DataDog/kics, as Checkmarx's snapshot is too large to
//                            fetch here): each line its test/positive_expected_result.json names (a
//                            private key's whole block), a secret; every other line with a value of the
//                            positive files, and each negative file whole, a look-alike; and its queries
//                            for a secret in an infrastructure file's property (KICS_QUERIES) the same
//                            way, but for the other lines of their positive files;
//   2ms (Apache-2.0)         Checkmarx/2ms' engine/rules/ruledefine/*_test.go: each rule's truePositives
//                            and falsePositives, the concrete strings (gitleaks' rules with the sample
//                            secret written in 25 syntaxes: Go's `var x string =`, Makefile's `?=`,
//                            `::=`, `:::=`, PHP's `.=`, an XML element whose value is on the next line,
//                            …); six of each rule's true positives, spread over its syntaxes, and every
//                            false positive. A case is kept when gitleaks' regex for that rule (--gitleaks,
//                            the checkout cases.json records) gives the template the verdict it gives
//                            the original, as scripts/harvest-external-cases.mjs does.
// whispers marks its secrets with the word `hardcoded` (`password: hardcoded1`); a random run of
// the same length takes its place, so each case tests the syntax around a value, as a real
// secret would sit there.
//
// Nothing token-shaped is written: every random run becomes a template of the same length and
// class (scripts/harvest-external-cases.mjs's templatize).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake } from "../test/helpers/fake-secrets.mjs";
import { eachGitleaksRule, git, goRegexToJs, ls, opt, show, templatize, writeCases } from "./harvest-external-cases.mjs";
import { externalCorpusFile } from "./gen-external-corpus.mjs";

const OUT = externalCorpusFile("dev.json");

const SOURCES = {
  ripsecrets: { repo: "sirwart/ripsecrets", license: "MIT" },
  whispers: { repo: "adeptex/whispers", license: "BSD-3-Clause" },
  trivy: { repo: "aquasecurity/trivy", license: "Apache-2.0" },
  earlybird: { repo: "americanexpress/earlybird", license: "Apache-2.0" },
  microsoft: { repo: "microsoft/security-utilities", license: "MIT" },
  checkov: { repo: "bridgecrewio/checkov", license: "Apache-2.0" },
  kics: { repo: "DataDog/kics", license: "Apache-2.0 (a fork of Checkmarx/kics)" },
  "2ms": { repo: "checkmarx/2ms", license: "Apache-2.0" },
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

// microsoft/security-utilities' patterns by family: Azure's keys, Azure DevOps' PATs, the rest by name.
const microsoftFamily = (name) =>
  /Ado|AzureDevOps/.test(name) ? "azuredevops" : /NuGet/.test(name) ? "nuget" : /Npm/.test(name) ? "npm" : /Azure|Aad|Sql|Cognitive|CommonAnnotated|Cask/.test(name) ? "azure" : name.replace(/(?:Identifiable)?(?:Key|Credentials|Pat|Token)s?$/, "");

// The AI services keys' mark and the character after it (`9`, `D` or `H`: an alternation, no literal of the pattern).
const AI_SERVICES_MARKS = ["JQQJ99", "JQQJ9D", "JQQJ9H"];

async function harvestMicrosoft(dir) {
  // randexp draws a string from a regex; installed by hand for this script (npm i --no-save randexp@0.5).
  const { default: RandExp } = await import(process.env.RANDEXP ?? "randexp");
  const cases = [];
  const seen = new Set();
  for (const file of ["GeneratedRegexPatterns/HighConfidenceSecurityModels.json", "GeneratedRegexPatterns/PreciselyClassifiedSecurityKeys.json"]) {
    for (const p of JSON.parse(show(dir, file).replace(/^\uFEFF/, ""))) {
      if (seen.has(p.Id)) continue;
      seen.add(p.Id);
      const flags = p.Pattern.startsWith("(?i)") ? "i" : "";
      const source = p.Pattern.replace(/^\(\?i\)/, "").replace(/\(\?P</g, "(?<");
      const refine = /\(\?<refine>/.test(source) ? source.slice(source.indexOf("(?<refine>")) : source;
      // The refine group alone: from its `(` to its matching `)`.
      let depth = 0;
      let end = 0;
      for (let i = 0; i < refine.length; i++) {
        if (refine[i] === "\\") {
          i++;
        } else if (refine[i] === "[") {
          while (refine[++i] !== "]") if (refine[i] === "\\") i++;
        } else if (refine[i] === "(") {
          depth++;
        } else if (refine[i] === ")" && --depth === 0) {
          end = i + 1;
          break;
        }
      }
      const group = new RegExp(`^${refine.slice(0, end).replace("(?<refine>", "(")}$`, flags);
      // The pattern's literal pieces (`JQQJ99`, `AAAAmsql`, `AzFu`, `dapi`) stay literal in the template.
      const literals = refine
        .slice(0, end)
        .replace(/\[(?:\\.|[^\]])*\](?:\{\d+(?:,\d*)?\}|[?*+])?|\\.|\(\?<refine>|\(\?:|[()|?*+]|\{\d+(?:,\d*)?\}/g, " ")
        .split(" ")
        .filter((piece) => /^[A-Za-z0-9_~-]{3,}$/.test(piece));
      const gen = new RandExp(group);
      gen.max = 4;
      for (let k = 0; k < 2; k++) {
        // A case-insensitive pattern (NuGet's `oy2…`) takes one case throughout: the service issues no mixed case.
        const drawn = gen.gen();
        const value = flags ? (k ? drawn.toUpperCase() : drawn.toLowerCase()) : drawn;
        if (!group.test(value) || !printable(value)) continue;
        // GitHub's secret-scanning sample token is a test token by design: kept, set apart (notSecret).
        const notSecret = /SecretScanningSample/.test(p.Name) ? { notSecret: true } : {};
        cases.push({ family: microsoftFamily(p.Name), rule: `microsoft/${p.Id}`, label: "tp", text: templatize(value, [...AI_SERVICES_MARKS, ...literals, ...(p.Signatures ?? [])]), src: "microsoft", path: file, ...notSecret });
      }
    }
  }
  // Literal look-alikes: what its classes yield as false positives, and its data classifiers' values.
  const root = "src/Microsoft.Security.Utilities.Core/";
  for (const path of ls(dir, root)) {
    if (!path.endsWith(".cs")) continue;
    const src = show(dir, path);
    const bodies = [];
    for (const m of src.matchAll(/GenerateFalsePositiveExamples\(\)\s*\{([\s\S]*?)\n {8}\}/g)) bodies.push(m[1]);
    if (path.includes("/DataClassification/")) for (const m of src.matchAll(/GenerateTruePositiveExamples\(\)\s*\{([\s\S]*?)\n {8}\}/g)) bodies.push(m[1]);
    for (const body of bodies) {
      for (const m of body.matchAll(/yield return @?"((?:[^"\\]|\\.)*)";/g)) {
        const text = m[1].trim();
        // Numbers of a few digits (`0`, `-1.0`) are no case.
        if (text.length < 8 || !printable(text)) continue;
        cases.push({ family: "generic", rule: `microsoft/${basename(path, ".cs")}`, label: "fp", text: template(text), src: "microsoft", path });
      }
    }
  }
  console.error(`microsoft: ${cases.length} cases`);
  return cases;
}

/** checkov's analyze_line calls with the count each test wants (python3's ast reads the test file). */
function checkovLineCases(text) {
  const py = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
out = []
for fn in ast.walk(tree):
    if not isinstance(fn, ast.FunctionDef): continue
    pending = None
    for st in fn.body:
        if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call) and getattr(st.value.func, "attr", "") == "analyze_line":
            a = st.value.args
            if len(a) >= 2 and all(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in a[:2]): pending = (a[0].value, a[1].value)
            else: pending = None
        elif pending and isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and getattr(st.value.func, "attr", "") == "assertEqual":
            a = st.value.args
            if isinstance(a[0], ast.Constant) and isinstance(a[0].value, int):
                out.append({"file": pending[0], "line": pending[1], "want": a[0].value}); pending = None
print(json.dumps(out))
`;
  const r = spawnSync("python3", ["-c", py], { input: text, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function harvestCheckov(dir) {
  const cases = [];
  const path = "tests/secrets/test_plugin.py";
  for (const { file, line, want } of checkovLineCases(show(dir, path))) {
    const text = line.trim();
    if (!text || !printable(text)) continue;
    const label = want > 0 ? "tp" : "fp";
    cases.push({ family: "generic", rule: "checkov/entropy-keyword-combinator", label, text: template(text), src: "checkov", path, ext: extname(file) || undefined });
  }
  const lines = [
    ["tests/secrets/sanity/secrets/true_positive.json", "tp"],
    ["tests/secrets/sanity/non_secrets/true_negative.json", "fp"],
    ["tests/secrets/sanity/iac_fp/main.tf", "fp"],
    ["tests/secrets/sanity/iac_fp/main.json", "fp"],
    ["tests/secrets/sanity/non_iac_fp/a.py", "fp"],
    ["tests/secrets/resources/cfn/secret-no-false-positive.yml", "fp"],
    ["tests/secrets/resources/cfn/secret-no-false-positive2.yml", "fp"],
  ];
  for (const [file, label] of lines) {
    for (const raw of show(dir, file).split("\n")) {
      const line = raw.trim().replace(/,$/, "");
      if (!line || !printable(line) || !/[=:]\s*\S/.test(line)) continue;
      cases.push({ family: "generic", rule: `checkov/${basename(dirname(file))}`, label, text: template(line), src: "checkov", path: file, ext: extname(file) });
    }
  }
  console.error(`checkov: ${cases.length} cases`);
  return cases;
}


const KICS_DIR = "assets/queries/common/passwords_and_secrets/test/";
// kics' query names by family (the rest: the vendor's name).
const KICS_FAMILIES = [
  [/^Generic|^K8s Environment|^CloudFormation Secret|^Encryption Key/, "generic"],
  [/^AWS/, "aws"],
  [/private key|Putty/i, "privatekey"],
  [/^Password in URL/, "basicauth"],
  [/^Google/, "gcp"],
  [/^Slack/, "slack"],
  [/^MSTeams/, "teams"],
  [/^Stripe/, "stripe"],
  [/^Square/, "square"],
  [/^PayPal Braintree/, "braintree"],
  [/^Amazon MWS/, "amazonmws"],
];
const kicsFamily = (name) => KICS_FAMILIES.find(([re]) => re.test(name))?.[1] ?? name.split(" ")[0].toLowerCase();

// kics' files are CloudFormation, Terraform and Kubernetes: names such as `AllowUsersToChangePassword` or
// `MyRDSInstance` stay literal (more parts than harvest-external-cases.mjs's word test takes), and so do
// Teams' `webhookb2` path; AWS's documented key id with its last letters changed becomes the documented one.
const kicsTemplate = (text) => {
  const names = text.match(/\b[A-Za-z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,}(?![a-z]))+\b/g) ?? [];
  const doc = text.replace(/\b[A-Z]{4}IOSFODNN7EXAM[A-Z]*\b/g, "«doc:aws-access-key-id»");
  return templatize(doc.replace(/\\n/g, "\\n\u0001"), [...PREFIXES, "webhookb2", "IncomingWebhook", ...names]).split("\u0001").join("");
};

// kics' queries for a secret written in an infrastructure file's property (CloudFormation, Terraform,
// Ansible, ARM): each expected line a secret, each negative file whole a look-alike (the other lines of
// a positive file may hold another query's secret: not taken).
const KICS_QUERIES = [
  "ansible/aws/hardcoded_aws_access_key",
  "ansible/aws/hardcoded_aws_access_key_in_lambda",
  "azureResourceManager/hardcoded_securestring_parameter_default_value",
  "cloudFormation/aws/alexa_skill_plaintext_client_secret_exposed",
  "cloudFormation/aws/amplify_app_access_token_exposed",
  "cloudFormation/aws/amplify_app_basic_auth_config_password_exposed",
  "cloudFormation/aws/amplify_app_oauth_token_exposed",
  "cloudFormation/aws/amplify_branch_basic_auth_config_password_exposed",
  "cloudFormation/aws/directory_service_microsoft_ad_password_set_to_plaintext_or_default_ref",
  "cloudFormation/aws/directory_service_simple_ad_password_exposed",
  "cloudFormation/aws/dms_endpoint_mongo_db_settings_password_exposed",
  "cloudFormation/aws/dms_endpoint_password_exposed",
  "cloudFormation/aws/docdb_cluster_master_password_in_plaintext",
  "cloudFormation/aws/hardcoded_aws_access_key_in_lambda",
  "cloudFormation/aws/iam_user_login_profile_password_is_in_plaintext",
  "cloudFormation/aws/refresh_token_is_exposed",
  "terraform/aws/hardcoded_aws_access_key",
  "terraform/aws/hardcoded_aws_access_key_in_lambda",
];

const indentOf = (line) => /^\s*/.exec(line)[0].length;

/** The 1-based lines [start, end] of the property a finding on line `n` is about, with its name. */
function propertyBlock(lines, n) {
  const line = lines[n - 1] ?? "";
  if (/^\s*"?(?:Default|defaultValue)"?\s*:/.test(line)) {
    let start = n;
    while (start > 1 && indentOf(lines[start - 2]) >= indentOf(line)) start--;
    return [Math.max(1, start - 1), n];
  }
  if (/[:{]\s*$/.test(line)) {
    let end = n;
    while (end < lines.length && end - n < 15 && (indentOf(lines[end]) > indentOf(line) || !lines[end].trim())) end++;
    return [n, end];
  }
  return [n, n];
}

function harvestKics(dir) {
  const cases = [];
  for (const query of [KICS_DIR.replace(/^assets\/queries\/|\/test\/$/g, ""), ...KICS_QUERIES]) {
    const testDir = `assets/queries/${query}/test/`;
    const general = testDir === KICS_DIR;
    const expected = JSON.parse(show(dir, `${testDir}positive_expected_result.json`));
    const byFile = new Map();
    for (const e of expected) {
      const name = e.queryName.replace(/^Passwords And Secrets - /, "");
      const list = byFile.get(e.fileName) ?? [];
      list.push({ line: e.line, family: general ? kicsFamily(name) : /access_key/.test(query) ? "aws" : "generic", rule: name });
      byFile.set(e.fileName, list);
    }
    for (const path of ls(dir, testDir)) {
      const file = basename(path);
      if (!/^(?:positive|negative)\d+\./.test(file)) continue;
      const text = show(dir, path).replace(/\r\n/g, "\n");
      if (!printable(text)) continue;
      // A Dockerfile is named so (gen-external-corpus.mjs reads `ext: "Dockerfile"` as the file's name).
      const place = { ext: /\.dockerfile$/.test(file) ? "Dockerfile" : extname(file) };
      const rule = general ? `kics/${file}` : `kics/${query.split("/").pop()}/${file}`;
      if (file.startsWith("negative")) {
        if (text.length <= 6000) cases.push({ family: "generic", rule, label: "fp", text: kicsTemplate(text.trimEnd()), src: "kics", path, ...place });
        continue;
      }
      const lines = text.split("\n");
      const covered = new Set();
      for (const f of byFile.get(file) ?? []) {
        let start = f.line;
        let end = f.line;
        // A private key's finding is a line of it (its BEGIN line, a header): the case is its block, BEGIN to
        // END; PuTTY's key file, its header to Private-MAC.
        if (/^Asymmetric private key|^Putty/i.test(f.rule)) {
          while (start > 1 && !/-----BEGIN|PuTTY-User-Key-File/.test(lines[start - 1] ?? "")) start--;
          while (end < lines.length && !/-----END|Private-MAC/.test(lines[end - 1] ?? "")) end++;
        }
        // A property query's finding is a parameter's Default (its name is the line above, less indented)
        // or a block that holds the value (`Variables:`, `"Properties": {`: the lines below, more indented).
        if (!general) [start, end] = propertyBlock(lines, start);
        for (let n = start; n <= end; n++) covered.add(n);
        cases.push({ family: f.family, rule: `kics/${f.rule}`, label: "tp", text: kicsTemplate(lines.slice(start - 1, end).join("\n").trimEnd()), src: "kics", path, ...place });
      }
      if (!general) continue;
      lines.forEach((line, i) => {
        if (covered.has(i + 1) || !hasValue(line)) return;
        cases.push({ family: "generic", rule, label: "fp", text: kicsTemplate(line.trimEnd()), src: "kics", path, ...place });
      });
    }
  }
  console.error(`kics: ${cases.length} cases`);
  return cases;
}

/** A Go string literal's value (interpreted or raw), or undefined when it uses an escape not read here. */
function goLiteral(lit) {
  if (lit.startsWith("`")) return lit.slice(1, -1);
  let out = "";
  for (let i = 1; i < lit.length - 1; i++) {
    const c = lit[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = lit[++i];
    const simple = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "'": "'" }[e];
    if (simple !== undefined) out += simple;
    else if (e === "x") {
      out += String.fromCharCode(parseInt(lit.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === "u") {
      out += String.fromCharCode(parseInt(lit.slice(i + 1, i + 5), 16));
      i += 4;
    } else return undefined;
  }
  return out;
}

// 2ms' own rules (not gitleaks'): their families.
const TWOMS_OWN = { "authenticated-url": "basicauth", "hardcoded-password": "generic" };
const TWOMS_TPS_PER_RULE = 6;

// A run the templates left (its pieces are kept words: `token12345abcdef`, or shorter than a template's
// eight: 1Password's `A3-2EKK1W-…` groups) that still reads as random: templated whole, of its class.
const RANDOM_RUN = /(?<![«\w])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{10,}(?![\w»])|(?<=\bA3-(?:[A-Z0-9-]*))[A-Z0-9]{5,6}(?=-|\b)/g;
const classOfRun = (run) => (/^[0-9a-f]+$/.test(run) ? "h" : /^[a-z0-9]+$/.test(run) ? "a" : /^[A-Z0-9]+$/.test(run) ? "U" : "A");
const scrub = (text) => text.replace(RANDOM_RUN, (run) => (new Set(run).size >= 8 || /^[A-Z0-9]{5,6}$/.test(run) ? `«${classOfRun(run)}${run.length}»` : run));

function harvest2ms(dir, gitleaksDir) {
  // gitleaks' rules by id: regex, keywords and family (its file's name), to check each template.
  const gitleaks = new Map();
  if (gitleaksDir) eachGitleaksRule(gitleaksDir, (rule, _tps, _fps, family) => gitleaks.set(rule.RuleID, { regex: goRegexToJs(rule.Regex), keywords: (rule.Keywords ?? []).filter((k) => typeof k === "string"), family }));
  const root = "engine/rules/ruledefine/";
  // Each rule function's RuleName: `func AgeSecretKey() *Rule { … RuleName: "Age-Secret-Key"`.
  const names = new Map();
  for (const path of ls(dir, root)) {
    if (path.endsWith("_test.go")) continue;
    for (const m of show(dir, path).matchAll(/func (\w+)\(\) \*Rule \{[\s\S]*?RuleName:\s*"([^"]+)"/g)) names.set(m[1], m[2].toLowerCase());
  }
  const cases = [];
  const stats = { kept: 0, dropped: 0 };
  let r = 0;
  for (const path of ls(dir, root)) {
    if (!path.endsWith("_test.go")) continue;
    for (const fn of show(dir, path).split(/\nfunc Test/).slice(1)) {
      const id = names.get(/TwomsToGitleaksRule\((\w+)\(\)\)/.exec(fn)?.[1] ?? "");
      if (!id) continue;
      const known = gitleaks.get(id);
      const family = TWOMS_OWN[id] ?? known?.family ?? id;
      const lists = { tp: [], fp: [] };
      for (const m of fn.matchAll(/(truePositives|falsePositives):\s*\[\]string\{([\s\S]*?)\n\t*\},/g)) {
        for (const lit of m[2].matchAll(/^\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`),\s*$/gm)) {
          const text = goLiteral(lit[1]);
          if (text !== undefined && text.trim() && printable(text) && text.length <= 4000) lists[m[1] === "truePositives" ? "tp" : "fp"].push(text);
        }
      }
      // Six true positives spread over the rule's syntaxes, a different six for each rule.
      const step = Math.max(1, Math.floor(lists.tp.length / TWOMS_TPS_PER_RULE));
      const tps = lists.tp.filter((_, i) => i % step === r % step).slice(0, TWOMS_TPS_PER_RULE);
      r++;
      for (const [label, list] of [["tp", tps], ["fp", lists.fp]]) {
        for (const original of list) {
          const keep = [...PREFIXES, ...(known?.keywords ?? [])];
          const verdict = (t) => (known?.regex ? known.regex.test(t) : undefined);
          const want = verdict(original);
          let text;
          for (const variant of [{}, { tail: 2 }, { head: 4 }, { head: 4, tail: 2 }, { head: 8, tail: 4 }]) {
            // A look-alike keeps its runs of kept words (`dapi1234567890…`): they make it what it is.
            const templated = templatize(original.replace(/\\n/g, "\\n\u0001"), keep, variant).split("\u0001").join("");
            const t = label === "tp" ? scrub(templated) : templated;
            if (want === undefined || verdict(expandFake(t, "harvest-check")) === want) {
              text = t;
              break;
            }
          }
          if (!text) {
            stats.dropped++;
            continue;
          }
          stats.kept++;
          cases.push({ family, rule: `2ms/${id}`, label, text, src: "2ms", path });
        }
      }
    }
  }
  console.error(`2ms: ${cases.length} cases (${stats.dropped} dropped: the template changed gitleaks' verdict)`);
  return cases;
}

const HARVEST = { ripsecrets: harvestRipsecrets, whispers: harvestWhispers, trivy: harvestTrivy, earlybird: harvestEarlybird, microsoft: harvestMicrosoft, checkov: harvestCheckov, kics: harvestKics, "2ms": (dir) => harvest2ms(dir, opt("gitleaks")) };

const direct = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (direct) {
  const given = Object.keys(SOURCES).filter((s) => opt(s));
  if (!given.length) {
    console.error(`usage: node scripts/harvest-dev-cases.mjs ${Object.keys(SOURCES).map((s) => `--${s} DIR`).join(" ")} (any of them)`);
    process.exit(2);
  }
  // The sources not given keep their cases and commits.
  const before = existsSync(OUT) ? JSON.parse(readFileSync(OUT, "utf8")) : { sources: {}, cases: [] };
  const all = [];
  const sources = {};
  for (const s of Object.keys(SOURCES)) {
    if (opt(s)) {
      all.push(...(await HARVEST[s](opt(s))));
      sources[s] = { ...SOURCES[s], commit: git(opt(s), "rev-parse", "HEAD").trim() };
    } else if (before.sources[s]) {
      all.push(...before.cases.filter((c) => c.src === s));
      sources[s] = before.sources[s];
    }
  }
  console.error(`${writeCases(OUT, sources, all)} cases -> ${OUT}`);
}
