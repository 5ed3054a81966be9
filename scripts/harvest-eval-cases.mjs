// Harvests the evaluation corpus: test data of scanners (two now read as development sources), into
// external-corpus/ (local corpora) eval.json (the case format of cases.json, read by
// scripts/gen-external-corpus.mjs and scored by test/unit/scan-eval-corpus.test.ts). Of leaky-repo only
// the scores are read, never its misses one by one: they say how the
// rules do on cases unseen. fake-leaks and betterleaks are development sources: their misses and false alarms are read.
// Run once by hand when the sources move on; the output is committed, this script shows where each
// case came from and how.
//
//   node scripts/harvest-eval-cases.mjs --fake-leaks GITDIR --leaktk-patterns GITDIR \
//        --betterleaks GITDIR --gitleaks GITDIR --leaky-repo GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD (--gitleaks: at the commit cases.json records);
// HARVEST_DEBUG=1 lists the fake-leaks files left out and why. What is taken:
//   fake-leaks (MIT)       leaktk/fake-leaks, files made to test scanners' configurations, sorted by the
//                          people who wrote them: each file under <kind>/valid/ is a secret (the
//                          whole file, one case), each file under <kind>/invalid/ or <kind>/benign/ a
//                          look-alike. The files at the top (`general-test`, `sendgrid`, `settings/…`)
//                          mix many secrets: each line leaktk/patterns' test expects a finding on
//                          (testdata/leaktk-scanner-results.yaml) is a case, a secret. Left out: the
//                          files that test a scanner's path allow-list (`foo/`, `usr/`, `venv/`,
//                          `test/`, `src/`, ...), `semgrep-rules-examples/` (semgrep's own rules'
//                          examples, a source measured elsewhere), `cui/` (classified-information
//                          markings: no secret), a GitHub workflow that is a vulnerability (no secret),
//                          three files under invalid/ the source's own test expects a finding in (its
//                          labels disagree), the keys under invalid/ a scanner should pass by their
//                          path or name (a library, a JDK test, `dummy.key`, its own config or `noqa`
//                          marker: placed in a file of ours they lose it), and files over 6,000 characters;
//   betterleaks (MIT)      betterleaks/betterleaks, a fork of gitleaks by gitleaks' author with rules
//                          of its own: each rule's tps and fps as scripts/harvest-external-cases.mjs
//                          reads gitleaks', less every case whose text cases.json, dev.json or
//                          heldout.json already hold (gitleaks' own at the commit cases.json records,
//                          --gitleaks, are harvested too and left out the same way).
//   leaky-repo (MIT)       Plazmaz/leaky-repo, a benchmark of the files a developer leaks (`.netrc`,
//                          `wp-config.php`, `.pgpass`, `etc/shadow`, a FileZilla config): each file whose
//                          line count at risk in .leaky-meta/secrets.csv is 1 or more, whole, a secret,
//                          under its own name (it has no look-alikes: a public key and a file of
//                          "informative" lines only are left out). Its templates are not checked: it
//                          has no rules of its own.
// The sources' role is recorded: leaky-repo "evaluation: only scores read"; fake-leaks and betterleaks
// (read and fixed by class since issue #15's ninth and tenth rounds), "development: misses read and fixed by class".
//
// Nothing token-shaped is written: every random run becomes a template of the same length and class
// (scripts/harvest-external-cases.mjs's templatize). A fake-leaks case is kept only when leaktk's own
// rules (leaktk/patterns' target/patterns/gitleaks/8.27.0, their regexes) match the expanded template
// as they match the original (the same rules, by id), and one holding base64 of text (a Kubernetes
// Secret's value, an encoded password) is left out: a template cannot keep what it encodes. betterleaks' cases are checked against their
// rule's regex as gitleaks' are.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake } from "../test/helpers/fake-secrets.mjs";
import { git, goRegexToJs, harvestGitleaks, opt, show, templatize, writeCases } from "./harvest-external-cases.mjs";
import { externalCorpusFile } from "./gen-external-corpus.mjs";

const OUT = externalCorpusFile("eval.json");
const ROLE = "evaluation: only scores read";
// fake-leaks, then betterleaks, became development sources (their misses and false alarms read and fixed by class, issue #15).
const DEVELOPMENT = "development: misses read and fixed by class";

const SOURCES = {
  "fake-leaks": { repo: "leaktk/fake-leaks", license: "MIT", role: DEVELOPMENT },
  betterleaks: { repo: "betterleaks/betterleaks", license: "MIT", role: DEVELOPMENT },
  "leaky-repo": { repo: "Plazmaz/leaky-repo", license: "MIT", role: ROLE },
};

const printable = (text) => !/[«»]/.test(text) && !/[^\t\n\r\x20-\x7e]/.test(text);

// Providers' prefixes stay literal (a template of `AIzaSy…` would lose what makes it a Google key), and
// so does the letter after a `\n` escape (a PEM body in a JSON or YAML string).
const PREFIXES = ["AIza", "eyJ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "glptt-", "GR1348941", "xox", "xapp", "sk_live_", "rk_live_", "whsec_", "npm_", "SG.", "hvs.", "nvapi-", "sgp_", "T3BlbkFJ", "dbid"];
const VARIANTS = [{}, { tail: 2 }, { head: 4 }, { head: 4, tail: 2 }, { head: 8, tail: 4 }];
// camelCase names of a file's structure (`stringData`, `apiVersion`, `clientSecret`) stay literal: each
// part a word of three letters or more with a vowel (templatize's word test wants more vowels than `string` has).
const names = (text) => (text.match(/(?<![A-Za-z0-9])[a-z]{3,}(?:[A-Z][a-z]{2,}){1,3}(?![A-Za-z0-9])/g) ?? []).filter((n) => n.split(/(?=[A-Z])/).every((part) => /[aeiouy]/i.test(part)));
const template = (text, variant) => templatize(text.replace(/\\n/g, "\\n\u0001"), [...PREFIXES, ...names(text)], variant).split("\u0001").join("");

// ---------------------------------------------------------------------------
// leaktk's rules: the verdicts a template must keep.

const PY_RULES = String.raw`
import json, sys, tomllib
doc = tomllib.loads(sys.stdin.read())
print(json.dumps([{"id": r.get("id"), "description": r.get("description"), "regex": r.get("regex")} for r in doc.get("rules", [])]))
`;

function leaktkRules(dir) {
  const r = spawnSync("python3", ["-c", PY_RULES], { input: show(dir, "target/patterns/gitleaks/8.27.0"), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3: ${r.stderr}`);
  return JSON.parse(r.stdout)
    .map((rule) => ({ ...rule, re: goRegexToJs(rule.regex) }))
    .filter((rule) => rule.re);
}

/** The ids of the rules whose regex matches `text`, sorted and joined (a verdict to compare). */
const matching = (rules, text) =>
  rules
    .filter((rule) => rule.re.test(text))
    .map((rule) => rule.id)
    .join(",");

/** The first variant's template whose expansion the rules judge as they judge `original`, or undefined. */
function checkedTemplate(rules, original) {
  const want = matching(rules, original);
  for (const variant of VARIANTS) {
    const t = template(original, variant);
    if (matching(rules, expandFake(t, "harvest-check")) === want) return t;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// fake-leaks

// Kinds by fake-leaks' folder names (the rest: the folder's name). Maven's and Gradle's files hold a
// repository's password in a build file: a password under a name (generic). A container registry's
// `auths` and a Swarm join token are kinds of their own, not a Docker Hub token.
const FAKE_LEAKS_FAMILIES = {
  "basic-auth": "basicauth",
  ftp: "basicauth",
  google: "gcp",
  gradle: "generic",
  maven: "generic",
  pki: "privatekey",
  sonarqube: "sonar",
  "hashicorp-vault": "hashicorp",
  htpasswd: "passwordhash",
  "password-hash": "passwordhash",
  containers: "containerauth",
  docker: "dockerswarm",
  k8s: "kubernetes",
};

// leaktk's rule descriptions (the top-level files' findings) by family.
const LEAKTK_FAMILIES = [
  [/^AWS|^Base64 Encoded AWS/, "aws"],
  [/Private Key|PKCS/, "privatekey"],
  [/^URL User and Password/, "basicauth"],
  [/^Generic Secret|^WP-Config|^Authorization Header/, "generic"],
  [/^JSON Web Token|JWT$/, "jwt"],
  [/^Google Cloud/, "gcp"],
  [/^GitLab/, "gitlab"],
  [/^GitHub/, "github"],
  [/^Slack/, "slack"],
  [/^OpenAI/, "openai"],
  [/^SendGrid/, "sendgrid"],
  [/^MailChimp/, "mailchimp"],
  [/^Mailgun/, "mailgun"],
  [/^PyPI/, "pypi"],
  [/^Notion/, "notion"],
  [/^Shopify/, "shopify"],
  [/^Snowflake/, "snowflake"],
  [/^Heroku/, "heroku"],
  [/^Groq/, "groq"],
  [/^Picatic/, "picatic"],
  [/^Testing Farm/, "testingfarm"],
  [/^Dynatrace/, "dynatrace"],
];

/**
 * The runs of `text` that are base64 of text (12 printable characters or more: `c2VjcmV0…`, a Kubernetes
 * Secret's value, a double-encoded password; a JWT's parts are not counted, «jwt» templates them). Their
 * meaning is in the text they encode (a password ending in `12345`, `ENC[…]`, an AWS key), which a
 * template of the run cannot keep. Random base64 of that length decodes to printable characters about
 * once in 100,000.
 */
export const encodedText = (text) =>
  (text.match(/(?<![A-Za-z0-9+/_.-])[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []).filter((run) => {
    if (run.startsWith("eyJ") || run.replace(/=+$/, "").length % 4 === 1) return false;
    const bytes = Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return bytes.length >= 12 && bytes.every((b) => (b >= 0x20 && b <= 0x7e) || b === 0x0a || b === 0x09);
  });

// Files that test a scanner's path allow-list or its configuration, not a secret's shape.
// Under invalid/, the keys a scanner should pass by their path or name (a library, a JDK test, a file named
// dummy.key, a scanner's own config or `noqa` marker): placed in a file of ours they lose that path.
const FAKE_LEAKS_SKIPPED =
  /^(?:\.|semgrep-rules-examples\/|cui\/|foo\/|usr\/|venv3?\/|test\/|src\/|examples\/|ignore\.d\/|secret-files\/|hack\/|secret\.ignore|custom-rule|author-test|Containerfile|LICENSE|README)|\.(?:p12|der|so|cache)$|github-workflows-vulnerable|\/invalid\/(?:cki-project|ignore|lib\w+-so\/|upstream-|inline-key-marked-noqa|yarn-release\/|should-not-match-github-spec\/)/;

function harvestFakeLeaks(dir, patternsDir) {
  const rules = leaktkRules(patternsDir);
  const expected = spawnSync("python3", ["-c", "import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], {
    input: show(patternsDir, "testdata/leaktk-scanner-results.yaml"),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (expected.status !== 0) throw new Error(`python3: ${expected.stderr}`);
  const findings = new Map();
  for (const f of JSON.parse(expected.stdout)) {
    const list = findings.get(f["location.path"]) ?? [];
    list.push(f);
    findings.set(f["location.path"], list);
  }
  const cases = [];
  const stats = { kept: 0, dropped: 0, skipped: 0, encoded: 0 };
  const keep = (c, original) => {
    const encoded = encodedText(original);
    // A secret's short password in base64 (a Kubernetes Secret's value) is one of ours, «kubepw»; other
    // encoded text (a look-alike's placeholder, a whole encoded file) leaves the case out.
    if (encoded.length && (c.label !== "tp" || encoded.some((run) => run.length > 24))) {
      stats.encoded++;
      if (process.env.HARVEST_DEBUG) console.error(`encoded ${c.label} ${c.path}`);
      return;
    }
    for (const run of encoded) original = original.split(run).join("«kubepw»");
    const text = checkedTemplate(rules, original);
    if (!text) {
      stats.dropped++;
      if (process.env.HARVEST_DEBUG) console.error(`dropped ${c.label} ${c.path}`);
      return;
    }
    stats.kept++;
    cases.push({ ...c, text, src: "fake-leaks" });
  };
  for (const path of git(dir, "ls-tree", "-r", "--name-only", "HEAD").split("\n").filter(Boolean)) {
    if (FAKE_LEAKS_SKIPPED.test(path)) {
      stats.skipped++;
      continue;
    }
    const raw = show(dir, path).replace(/\r\n/g, "\n").trimEnd();
    if (!raw.trim() || !printable(raw)) {
      stats.skipped++;
      continue;
    }
    const ext = extname(basename(path)) || undefined;
    const sorted = /^([^/]+)\/(valid|invalid|benign)\//.exec(path);
    if (sorted) {
      const [, kind, verdict] = sorted;
      const label = verdict === "valid" ? "tp" : "fp";
      // The source's own test expects a finding in a file it files under invalid/: its labels disagree.
      if ((label === "fp" && findings.has(path)) || raw.length > 6000) {
        stats.skipped++;
        continue;
      }
      // `whole`: a file, whose placeholders are judged on the lines that hold its secret (a comment's `<url>` is none).
      keep({ family: FAKE_LEAKS_FAMILIES[kind] ?? kind, rule: `fake-leaks/${kind}/${verdict}`, label, path, whole: true, ...(ext ? { ext } : {}) }, raw);
      continue;
    }
    // A file of many secrets: each line (or block, a key) the source's test expects a finding on.
    const lines = raw.split("\n");
    const seen = new Set();
    for (const f of findings.get(path) ?? []) {
      const at = raw.indexOf(String(f.match));
      if (at < 0) continue;
      const start = raw.slice(0, at).split("\n").length;
      const end = start + String(f.match).split("\n").length - 1;
      const key = `${start}-${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const family = LEAKTK_FAMILIES.find(([re]) => re.test(f["rule.description"]))?.[1] ?? f["rule.description"];
      keep({ family, rule: `fake-leaks/${f["rule.description"]}`, label: "tp", path, ...(ext ? { ext } : {}) }, lines.slice(start - 1, end).join("\n"));
    }
  }
  console.error(`fake-leaks: ${rules.length} leaktk rules, ${stats.kept} cases kept, ${stats.dropped} dropped (a template changed leaktk's verdict), ${stats.encoded} holding encoded text, ${stats.skipped} files skipped`);
  return cases;
}

// ---------------------------------------------------------------------------
// betterleaks: what gitleaks' harvested commit and the other corpora do not already hold.

function harvestBetterleaks(dir, gitleaksDir) {
  const known = new Set();
  for (const file of ["cases.json", "dev.json", "heldout.json"]) {
    for (const c of JSON.parse(readFileSync(externalCorpusFile(file), "utf8")).cases) known.add(c.text);
  }
  if (gitleaksDir) for (const c of harvestGitleaks(gitleaksDir)) known.add(c.text);
  const all = harvestGitleaks(dir, "betterleaks");
  const cases = all.filter((c) => !known.has(c.text)).map((c) => ({ ...c, rule: `betterleaks/${c.rule}` }));
  console.error(`betterleaks: ${cases.length} of its ${all.length} cases are new`);
  return cases;
}

// ---------------------------------------------------------------------------
// leaky-repo: a benchmark of a developer's leaked files, each with the count of its lines at risk.

// Its files by family (the rest: generic, passwords and keys under names in configuration files).
const LEAKY_FAMILIES = [
  [/^\.docker\//, "containerauth"],
  [/^\.mozilla\//, "firefox"],
  [/id_rsa$|\.pem$|\.ppk$/, "privatekey"],
  [/^cloud\/\.(?:credentials|s3cfg)$/, "aws"],
  [/^cloud\/\.tugboat$/, "digitalocean"],
  [/^cloud\/heroku/, "heroku"],
  [/^db\/(?:\.pgpass|mongoid|robomongo|dbeaver)/, "database"],
  [/shadow$|passwd$|\.htpasswd$|dump\.sql$/, "passwordhash"],
  [/^filezilla\//, "filezilla"],
  [/master\.key$/, "rails"],
  [/^\.npmrc$/, "npm"],
  [/^\.git-credentials$/, "basicauth"],
  [/^hub$/, "github"],
  [/salesforce/, "salesforce"],
];

function harvestLeakyRepo(dir) {
  const cases = [];
  for (const line of show(dir, ".leaky-meta/secrets.csv").split("\n")) {
    const [path, risk] = line.trim().split(",");
    // Files with lines at risk; those with only "informative" lines (a public key) are no label either way.
    if (!path || path.startsWith("#") || !(Number(risk) > 0)) continue;
    let raw = show(dir, path).replace(/\r\n/g, "\n").trimEnd();
    if (!printable(raw) || raw.length > 6000) continue;
    // A password in base64 (a Docker config's `auth`, FileZilla's `encoding="base64"`) stays one: ours.
    for (const run of encodedText(raw)) raw = raw.split(run).join(/:/.test(Buffer.from(run, "base64").toString("latin1")) ? "«basicauth»" : "«kubepw»");
    // No rules to check a template against: the plain template, of the same length and class.
    cases.push({ family: LEAKY_FAMILIES.find(([re]) => re.test(path))?.[1] ?? "generic", rule: `leaky-repo/${path}`, label: "tp", text: template(raw, {}), src: "leaky-repo", path, name: basename(path), whole: true });
  }
  console.error(`leaky-repo: ${cases.length} files`);
  return cases;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!opt("fake-leaks") || !opt("leaktk-patterns") || !opt("betterleaks") || !opt("gitleaks") || !opt("leaky-repo")) {
    console.error("usage: node scripts/harvest-eval-cases.mjs --fake-leaks DIR --leaktk-patterns DIR --betterleaks DIR --gitleaks DIR --leaky-repo DIR");
    process.exit(2);
  }
  // betterleaks first: a value case's file shape follows its index, so its cases keep their files when fake-leaks' move.
  const all = [...harvestBetterleaks(opt("betterleaks"), opt("gitleaks")), ...harvestFakeLeaks(opt("fake-leaks"), opt("leaktk-patterns")), ...harvestLeakyRepo(opt("leaky-repo"))];
  const head = (d) => git(d, "rev-parse", "HEAD").trim();
  const sources = {
    "fake-leaks": { ...SOURCES["fake-leaks"], commit: head(opt("fake-leaks")), labels: { repo: "leaktk/patterns", commit: head(opt("leaktk-patterns")) } },
    betterleaks: { ...SOURCES.betterleaks, commit: head(opt("betterleaks")), without: { repo: "gitleaks/gitleaks", commit: head(opt("gitleaks")) } },
    "leaky-repo": { ...SOURCES["leaky-repo"], commit: head(opt("leaky-repo")) },
  };
  console.error(`${writeCases(OUT, sources, all)} cases -> ${OUT}`);
}
