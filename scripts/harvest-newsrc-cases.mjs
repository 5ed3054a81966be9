// Harvests the fourteenth round's corpus: the test cases of scanners no corpus had used, into
// external-corpus/ (local corpora) newsrc.json (the case format of cases.json, placed in realistic files by
// scripts/gen-external-corpus.mjs), scored by test/unit/scan-newsrc-corpus.test.ts. Run once by hand when the
// sources move on; the output is committed, this script shows where each case came from and how.
//
//   node scripts/harvest-newsrc-cases.mjs --titus DIR --noseyparker DIR --kingfisher DIR --ggshield DIR \
//     --repo-supervisor DIR --deepsecrets DIR --talisman DIR --tartufo DIR --git-secrets DIR
//
// Each DIR is a clone (bare is fine) read at HEAD. What is taken:
//   titus (Apache-2.0)            pkg/rule/rules/*.yml: each rule's examples (tp) and negative_examples (fp) that
//                                 Nosey Parker's and Kingfisher's rule files (the held-out corpus' sources, at the
//                                 commits heldout.json records) do not hold; read as scripts/harvest-heldout-cases.mjs
//                                 reads those, each template judged by the rule's regex as the original is;
//   ggshield (MIT)                tests/unit/cassettes/*.yaml: the documents ggshield's tests sent to GitGuardian's
//                                 API and its verdicts, recorded: a policy break's lines (tp, the detector's name
//                                 for family), a document without one whole (fp); a patch's markers removed;
//   repo-supervisor (MIT)         test/fixtures: the random secrets every filter test uses (tp, bare values) and
//                                 what its entropy pre-filters skip (fp: URLs without a password, CSS selectors,
//                                 words, e-mail addresses, paths, object keys), each a string in a program;
//   deepsecrets (MIT)             tests/fixtures/regex_checks.txt: the regex engine's test cases, by rule (tp);
//   talisman (MIT)                detector/pattern/pattern_detector_test.go and detector/filecontent/
//                                 filecontent_detector_test.go: the lines the tests expect flagged (tp) or passed
//                                 (fp), the pattern test's loop written out;
//   tartufo (GPL-2.0: facts only) tests/data/scan_folder/*.txt and the entropy test's strings (tp);
//   git-secrets (Apache-2.0)      test/git-secrets.bats: the credentials file its AWS provider reads (tp).
// gitleaks' rules and Yelp detect-secrets' plugins are not read again: the mirrors' HEADs are the commits
// cases.json already records (gitleaks b58d3f1, detect-secrets 5e14193).
//
// As for the other corpora, nothing token-shaped is written: every random run becomes a template of the same
// length and class (scripts/harvest-external-cases.mjs's templatize). Roles, fixed before any case was scored:
// a case is an EVALUATION case (only its scores read, never which of its cases are missed) when the first byte
// of the SHA-256 of `src\0rule\0label\0text` (its stored fields) is below 128, else a DEVELOPMENT case (roleOf;
// the test recomputes it).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { tokenPieces } from "./harvest-credsweeper-cases.mjs";
import { harvest, ruleExamples } from "./harvest-heldout-cases.mjs";
import { git, opt, show, templatize, writeCases } from "./harvest-external-cases.mjs";
import { externalCorpusFile } from "./gen-external-corpus.mjs";

const OUT = externalCorpusFile("newsrc.json");
export const EVALUATION = "evaluation: only scores read";
export const DEVELOPMENT = "development: misses read and fixed by class";

/** The role of a case by the fixed rule: SHA-256 of its source, rule, label and text, first byte below 128 evaluation. */
export const roleOf = (c) => (createHash("sha256").update(`${c.src}\0${c.rule}\0${c.label}\0${c.text}`).digest()[0] < 128 ? EVALUATION : DEVELOPMENT);

const SOURCES = {
  titus: { repo: "praetorian-inc/titus", license: "Apache-2.0" },
  ggshield: { repo: "GitGuardian/ggshield", license: "MIT" },
  "repo-supervisor": { repo: "auth0/repo-supervisor", license: "MIT" },
  deepsecrets: { repo: "avito-tech/deepsecrets", license: "MIT" },
  talisman: { repo: "thoughtworks/talisman", license: "MIT" },
  tartufo: { repo: "godaddy/tartufo", license: "GPL-2.0 (facts only: strings re-expressed as templates)" },
  "git-secrets": { repo: "awslabs/git-secrets", license: "Apache-2.0" },
};

// A vendor's literal prefix stays literal in a token's pieces (as the CredSweeper harvest keeps them).
const PREFIXES = ["xoxb", "xoxp", "SG.", "ggtt", "AKIA", "eyJ"];
/** A case's template: its random runs (templatize), then a token's shorter pieces between its separators (tokenPieces). */
const tpl = (text, keep = []) => tokenPieces(templatize(text, [...PREFIXES, ...keep]), [...PREFIXES, ...keep]);

function titus(dir) {
  const skip = new Set([...ruleExamples(opt("noseyparker"), "crates/noseyparker/data/default/builtin/rules"), ...ruleExamples(opt("kingfisher"), "data/rules")]);
  return harvest("titus", dir, { base: "pkg/rule/rules", skip, post: (t, keep) => tokenPieces(t, [...PREFIXES, ...keep]) });
}

// GitGuardian's detector names by our families (familyOf merges the rest: `SendGrid Key` is sendgridkey otherwise).
const GG_FAMILY = [
  [/Private Key/, "privatekey"],
  [/^SendGrid/, "sendgrid"],
  [/^MySQL|Database/, "database"],
  [/^Username Password$/, "generic"],
  [/^GitGuardian/, "gitguardian"],
];
const PY_GG = String.raw`
import json, subprocess, sys, yaml
gitdir = sys.argv[1]
files = subprocess.run(["git","-C",gitdir,"ls-tree","-r","--name-only","HEAD","tests/unit/cassettes"],capture_output=True,text=True).stdout.split()
out = []
for p in files:
    doc = yaml.safe_load(subprocess.run(["git","-C",gitdir,"show","HEAD:"+p],capture_output=True,text=True).stdout)
    for it in doc.get("interactions", []):
        req, res = it["request"], it["response"]
        if "scan" not in req["uri"] or req["method"] != "POST" or "hmsl" in req["uri"]: continue
        body = req["body"]
        if isinstance(body, bytes): body = body.decode()
        try:
            docs, r = json.loads(body), json.loads(res["body"]["string"])
        except Exception:
            continue
        if isinstance(docs, dict): docs, r = [docs], [r]
        for d, rr in zip(docs, r):
            out.append({"cassette": p, "document": d["document"], "breaks": [{"type": b.get("type"), "matches": [m["match"] for m in b.get("matches", [])]} for b in rr.get("policy_breaks", []) if b.get("policy") == "Secrets detection"]})
print(json.dumps(out))
`;
/** A document as the file it stands for: a patch's header, hunk markers and line prefixes removed. */
const unpatch = (doc) => {
  if (!/^(?:commit |@@ )/m.test(doc)) return doc;
  const lines = doc.split("\n");
  const first = lines.findIndex((l) => l.startsWith("@@"));
  return lines
    .slice(first)
    .filter((l) => !l.startsWith("@@") && !l.startsWith("\\"))
    .map((l) => l.replace(/^[+ -]/, "").replace(/^@@.*@@ ?/, ""))
    .join("\n")
    .replace(/\n+$/, "");
};
function ggshield(dir) {
  const r = spawnSync("python3", ["-c", PY_GG, dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  const cases = [];
  for (const d of JSON.parse(r.stdout)) {
    const text = unpatch(d.document);
    const path = d.cassette;
    if (!d.breaks.length) {
      cases.push({ family: "none", rule: "ggshield/no-policy-break", label: "fp", original: text, path });
      continue;
    }
    for (const b of d.breaks) {
      // The lines that hold the break's matches (a PEM block's every line).
      const lines = text.split("\n");
      const spans = b.matches.map((m) => {
        const at = text.indexOf(m);
        return at < 0 ? null : [text.slice(0, at).split("\n").length - 1, text.slice(0, at + m.length).split("\n").length - 1];
      });
      if (spans.some((s) => s === null)) continue;
      const from = Math.min(...spans.map((s) => s[0]));
      const to = Math.max(...spans.map((s) => s[1]));
      const family = GG_FAMILY.find(([re]) => re.test(b.type))?.[1] ?? b.type;
      cases.push({ family, rule: `ggshield/${b.type}`, label: "tp", original: lines.slice(from, to + 1).join("\n"), path });
    }
  }
  return cases.map((c) => ({ ...c, src: "ggshield", text: tpl(c.original) }));
}

function repoSupervisor(dir) {
  const base = "test/fixtures/unit/src/filters/entropy.meter/pre.filters";
  const json = (p) => JSON.parse(show(dir, p));
  const cases = [];
  for (const s of json("test/fixtures/fixtures.json").randomSecrets) cases.push({ family: "generic", rule: "repo-supervisor/randomSecrets", label: "tp", original: s, bare: true, path: "test/fixtures/fixtures.json" });
  // What a pre-filter skips (fp), as a string in a program under a name that says what it holds.
  const skipped = [
    ["authentication.urls.json", ["urlsWithoutAuthParams", "urlsWithEmptyAuthParams"], "url"],
    ["css.selectors.json", ["validCSSSelectors"], "selector"],
    ["dictionary.words.json", ["camelCase", "separators", "mixed", "singleWords"], "label"],
    ["email.addresses.json", ["validEmailAddresses"], "email"],
    ["local.paths.json", ["validLocalPaths"], "path"],
    ["multiple.words.json", ["multipleWords"], "title"],
    ["object.keys.identifiers.json", ["objectKeys"], "field"],
  ];
  for (const [file, lists, name] of skipped) {
    const j = json(`${base}/${file}`);
    for (const list of lists) {
      for (const v of j[list] ?? []) cases.push({ family: "none", rule: `repo-supervisor/${list}`, label: "fp", original: `const ${name} = ${JSON.stringify(v)};`, ext: ".js", path: `${base}/${file}` });
    }
  }
  // The URLs whose user and password the authentication-URL filter returns (`john:doe`): a URL's password.
  for (const v of json(`${base}/authentication.urls.json`).urlsWithAuthParams) cases.push({ family: "basicauth", rule: "repo-supervisor/urlsWithAuthParams", label: "tp", original: `const url = ${JSON.stringify(v)};`, ext: ".js", path: `${base}/authentication.urls.json` });
  // What a filter skips holds no secret (words, selectors, addresses): kept as the source wrote it.
  return cases.map((c) => ({ ...c, src: "repo-supervisor", text: c.label === "fp" ? c.original : tpl(c.original) }));
}

const DEEPSECRETS_FAMILY = { S0: "slack", S1: "privatekey", S2: "privatekey", S3: "privatekey", S4: "privatekey", S5: "privatekey", S19: "basicauth" };
function deepsecrets(dir) {
  const path = "tests/fixtures/regex_checks.txt";
  const cases = [];
  for (const section of show(dir, path).split(/^# /m).slice(1)) {
    const [head, ...rest] = section.split("\n");
    const id = head.trim();
    const body = rest.join("\n").trim();
    // A key block is one case; other sections hold one case a line.
    const items = /-----BEGIN/.test(body) ? body.split(/\n\s*\n/) : body.split("\n").filter((l) => l.trim());
    for (const it of items) cases.push({ family: DEEPSECRETS_FAMILY[id] ?? id, rule: `deepsecrets/${id}`, label: "tp", original: it.trim(), path });
  }
  return cases.map((c) => ({ ...c, src: "deepsecrets", text: tpl(c.original, ["xoxb"]) }));
}

function talisman(dir) {
  const pattern = "detector/pattern/pattern_detector_test.go";
  const content = "detector/filecontent/filecontent_detector_test.go";
  // TestShouldDetectPasswordPatterns, its loop written out (the test's own strings).
  const tp = [];
  for (const v of ["password", "secret", "key", "pwd", "pass", "pword", "passphrase"]) {
    tp.push(
      `${v.toUpperCase()}:UnsafeString`,
      `${v}=UnsafeString`,
      `.${v}=randomStringGoesHere}`,
      `:${v} randomStringGoesHere`,
      `${v} ,"randomStringGoesHere"`,
      `'${v}' ,"randomStringGoesHere"`,
      `"${v}" ,"randomStringGoesHere"`,
      `"SERVER_${v.toUpperCase()}" : UnsafeString`,
      `${v}2-string : UnsafeString`,
      `<${v} data=123> randomStringGoesHere </${v}>`,
      `<admin ${v}> randomStringGoesHere </my${v}>`,
    );
  }
  tp.push('"pw" : UnsafeString', "Pw=UnsafeString", "<ConsumerKey>«l19»1234«a7»</ConsumerKey>", "PWD=appropriate", "pass=appropriate", "adminpwd=appropriate");
  const fp = ['"pAsSWoRD" :1234567', 'setPassword("12345678")', "setenv(password,123456)", "random=12345678)", "prettySafe"];
  const cases = [
    ...tp.map((t) => ({ family: "generic", rule: "talisman/pattern", label: "tp", original: t, ext: ".txt", path: pattern })),
    ...fp.map((t) => ({ family: "generic", rule: "talisman/pattern", label: "fp", original: t, ext: ".txt", path: pattern })),
  ];
  // The file-content detector's cases: what a file must not hold (tp) and what it may (fp).
  const text = show(dir, content);
  const constant = (name) => {
    const m = text.match(new RegExp(`const ${name} string = ((?:"(?:[^"\\\\]|\\\\.)*"\\s*\\+?\\s*)+)`));
    return m ? [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1].replace(/\t/g, "\\t")}"`)).join("") : null;
  };
  const jwt = constant("jwt");
  const java = constant("dangerousJavaCode");
  const safe = constant("safeJavaCode");
  const low = constant("lowEntropyString");
  if (jwt) cases.push({ family: "jwt", rule: "talisman/filecontent.jwt", label: "tp", original: `const token = "${jwt}";`, ext: ".js", path: content });
  if (java) cases.push({ family: "aws", rule: "talisman/filecontent.base64", label: "tp", original: java.replace(/\r/g, ""), ext: ".java", path: content });
  if (safe) cases.push({ family: "none", rule: "talisman/filecontent.safe", label: "fp", original: safe.replace(/\r/g, ""), ext: ".java", path: content });
  if (low) cases.push({ family: "none", rule: "talisman/filecontent.lowEntropy", label: "fp", original: `value: ${low}`, ext: ".yaml", path: content });
  const method = text.match(/safeLongMethodName := "([^"]+)"/)?.[1];
  if (method) cases.push({ family: "none", rule: "talisman/filecontent.methodName", label: "fp", original: `func ${method}(t *testing.T) {}`, ext: ".go", path: content });
  // The test's words in a value's place stay words (a template would make them a random run, which they are not).
  // The file-content detector's look-alikes hold no secret (a program, words, base64 of `aaa…`): kept as the source wrote them.
  return cases.map((c) => ({ ...c, src: "talisman", text: c.label === "fp" && c.rule !== "talisman/pattern" ? c.original : tpl(c.original, ["UnsafeString", "randomStringGoesHere", "appropriate", "prettySafe", "HelloWorld"]) }));
}

function tartufo(dir) {
  const cases = [];
  for (const p of ["tests/data/scan_folder/test.txt", "tests/data/scan_folder/scan_sub_folder/sub_folder_test.txt"]) {
    cases.push({ family: "generic", rule: "tartufo/scan_folder", label: "tp", original: show(dir, p).replace(/\n+$/, ""), name: p.split("/").pop(), path: p });
  }
  const test = show(dir, "tests/test_base_scanner.py");
  const b64 = test.match(/def test_calculate_base64_entropy_calculation[\s\S]*?random_string = \(\s*"([^"]+)"/)?.[1];
  const hex = test.match(/def test_calculate_hex_entropy_calculation[\s\S]*?random_string = "([^"]+)"/)?.[1];
  for (const v of [b64, hex]) if (v) cases.push({ family: "generic", rule: "tartufo/entropy", label: "tp", original: v, bare: true, path: "tests/test_base_scanner.py" });
  return cases.map((c) => ({ ...c, src: "tartufo", text: tpl(c.original) }));
}

function gitSecrets(dir) {
  const path = "test/git-secrets.bats";
  const lines = [...show(dir, path).matchAll(/echo '(aws_(?:access_key_id|secret_access_key) ?= ?[^']*)' >>? \$BATS_TMPDIR\/test\.ini/g)].map((m) => m[1]);
  return lines.length ? [{ family: "aws", rule: "git-secrets/aws-provider", label: "tp", original: `[default]\n${lines.join("\n")}`, name: "credentials", path, src: "git-secrets", text: `[default]\n${lines.join("\n")}` }] : [];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const need = ["titus", "noseyparker", "kingfisher", "ggshield", "repo-supervisor", "deepsecrets", "talisman", "tartufo", "git-secrets"];
  if (need.some((n) => !opt(n))) {
    console.error(`usage: node scripts/harvest-newsrc-cases.mjs ${need.map((n) => `--${n} DIR`).join(" ")}`);
    process.exit(2);
  }
  const all = [
    ...titus(opt("titus")),
    ...ggshield(opt("ggshield")),
    ...repoSupervisor(opt("repo-supervisor")),
    ...deepsecrets(opt("deepsecrets")),
    ...talisman(opt("talisman")),
    ...tartufo(opt("tartufo")),
    ...gitSecrets(opt("git-secrets")),
  ];
  const cases = all.map(({ original: _o, ...c }) => ({ ...c, role: roleOf(c) }));
  for (const [s] of Object.entries(SOURCES)) {
    const mine = cases.filter((c) => c.src === s);
    console.error(`${s}: ${mine.length} cases (${mine.filter((c) => c.label === "tp").length} tp), ${mine.filter((c) => c.role === EVALUATION).length} evaluation`);
  }
  const sources = Object.fromEntries(Object.entries(SOURCES).map(([s, v]) => [s, { ...v, commit: git(opt(s), "rev-parse", "HEAD").trim() }]));
  sources.titus.without = { noseyparker: git(opt("noseyparker"), "rev-parse", "HEAD").trim(), kingfisher: git(opt("kingfisher"), "rev-parse", "HEAD").trim() };
  console.error(`${writeCases(OUT, sources, cases)} cases -> ${OUT}`);
}
