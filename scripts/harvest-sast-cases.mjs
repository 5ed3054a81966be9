// Harvests the SAST corpus: the hard-coded-credential test cases of code analysers and of scanners not
// harvested before, into the local corpora's external-corpus/sast.json (the case format of cases.json, read by
// scripts/gen-external-corpus.mjs and scored by test/unit/scan-sast-corpus.test.ts). Run once by hand
// when the sources move on; the output is committed, this script shows where each case came from and how.
//
//   node scripts/harvest-sast-cases.mjs --gosec GITDIR --bandit GITDIR --ibm-detect-secrets GITDIR \
//        --horusec GITDIR --no-secrets GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD. What is taken:
//   gosec (Apache-2.0)     securego/gosec's testutils/g101_samples.go: each Go program of its G101
//                          (hard-coded credentials) samples, whole, a secret when its test wants an issue,
//                          a look-alike when it wants none; the samples that test gosec's own suppression
//                          comments (`#nosec`, `//gosec:disable`) are left out (the comment, not the
//                          value, makes them pass). Kept when gosec's value patterns (rules/
//                          hardcoded_credentials.go's secretsPatterns) match the expanded template as they
//                          match the original.
//   bandit (Apache-2.0)    PyCQA/bandit's examples/hardcoded-passwords.py, cut at its blank lines: each
//                          piece under a `# Possible hardcoded password: '…'` comment a secret (the
//                          comment itself dropped: it repeats the value), those its functional test does
//                          not count (`…: None`, a default of None) and those under `# ... but not:`
//                          look-alikes. B105-B107 judge a name and a string literal, no regex: the templates
//                          keep each value's length and class.
//   ibm-detect-secrets (Apache-2.0) IBM/detect-secrets, IBM's fork of Yelp's: tests/plugins/*_test.py's
//                          pytest parametrize cases, as scripts/harvest-external-cases.mjs reads Yelp's,
//                          less every case whose template cases.json (Yelp's) already holds. Kept when the
//                          fork's own plugin (run from the checkout, its network clients stubbed) judges
//                          the expanded template as it judges the original.
//   horusec (Apache-2.0)   ZupIT/horusec's leaks engine: internal/services/engines/leaks/samples.go, each
//                          rule's vulnerable sample (a secret) and safe sample (a look-alike), whole. Kept
//                          when the rule's expressions (rules.go) match the expanded template as they
//                          match the original. A client id (Facebook's, Twitter's, LinkedIn's) is marked
//                          an identifier (public), set apart.
//   no-secrets (MIT)       nickdeis/eslint-plugin-no-secrets' tests/lib/rules/no-secrets.ts: the programs
//                          its rule tests with the default options, invalid a secret, valid a look-alike
//                          (those valid only with an option, ignoreContent or ignoreIdentifiers, left out).
//                          Kept when the Shannon entropy of each string (the rule's measure, over 4) says
//                          of the expanded template what it says of the original.
//
// Roles, fixed before any miss was read: the sources are ordered by the SHA-256 of their repository's
// name (`owner/name`), and taken in that order as EVALUATION sources (only their scores are read, never
// which cases they miss) until those hold a third of the cases; the rest are DEVELOPMENT sources (their
// misses and false alarms read and fixed by class). The role is recorded per source in sast.json. An evaluation
// source whose misses became known later is a development one from then on (READ_AFTER_THE_RULE, with why):
// gosec, since issue #15's round that fixed the classes its samples had shown missed.
//
// Nothing token-shaped is written: every random run becomes a template of the same length and class
// (scripts/harvest-external-cases.mjs's templatize).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake } from "../test/helpers/fake-secrets.mjs";
import { encodedText } from "./harvest-eval-cases.mjs";
import { git, goRegexToJs, ls, opt, show, templatize, writeCases } from "./harvest-external-cases.mjs";
import { externalCorpusFile } from "./gen-external-corpus.mjs";

const OUT = externalCorpusFile("sast.json");
const EVALUATION = "evaluation: only scores read";
const DEVELOPMENT = "development: misses read and fixed by class";

const SOURCES = {
  gosec: { repo: "securego/gosec", license: "Apache-2.0" },
  bandit: { repo: "PyCQA/bandit", license: "Apache-2.0" },
  "ibm-detect-secrets": { repo: "IBM/detect-secrets", license: "Apache-2.0" },
  horusec: { repo: "ZupIT/horusec", license: "Apache-2.0" },
  "no-secrets": { repo: "nickdeis/eslint-plugin-no-secrets", license: "MIT" },
};

const printable = (text) => !/[«»]/.test(text) && !/[^\t\n\r\x20-\x7e]/.test(text);

// Providers' prefixes stay literal, and so does the letter after a `\n` escape (a PEM body in a string).
const PREFIXES = ["AIza", "eyJ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "xapp", "sk_live_", "rk_live_", "whsec_", "npm_", "SG.", "amzn", "access_token"];
const VARIANTS = [{}, { tail: 2 }, { head: 4 }, { head: 4, tail: 2 }, { head: 8, tail: 4 }];
// camelCase names of a program's structure (`awsAccessKeyID`, `githubToken`) stay literal.
const names = (text) => (text.match(/(?<![A-Za-z0-9])[a-z]{2,}(?:[A-Z][a-z]{1,}|[A-Z]{2,}(?![a-z])){1,4}(?![A-Za-z0-9])/g) ?? []).filter((n) => n.split(/(?=[A-Z][a-z])/).every((part) => /[aeiouy]/i.test(part)));
const template = (text, variant, keep = []) => templatize(text.replace(/\\n/g, "\\n\u0001"), [...PREFIXES, ...keep, ...names(text)], variant).split("\u0001").join("");

// A case holding base64 of text (`dXNlcjpwYXNz…`, a password encoded) is left out, as harvest-eval-cases.mjs leaves
// fake-leaks' out: its template is random base64, and a template cannot keep what the run encodes.
let encodedCases = 0;
const encoded = (original) => encodedText(original).length > 0 && ++encodedCases > 0;

/** The first variant's template whose expansion `verdict` judges as it judges `original`, or undefined. */
function checkedTemplate(original, verdict, keep = []) {
  const want = verdict(original);
  for (const variant of VARIANTS) {
    const t = template(original, variant, keep);
    if (verdict(expandFake(t, "harvest-check")) === want) return t;
  }
  return undefined;
}

/** The Go regexes of a Go file's `regexp.MustCompile(\`…\`)` calls, in order. */
const goRegexes = (text) => [...text.matchAll(/regexp\.MustCompile\(`([^`]*)`\)/g)].map((m) => goRegexToJs(m[1]));

/** Which of `res` match `text`, as a string to compare (`10010…`). */
const matchVector = (res, text) => res.map((re) => (re && re.test(text) ? "1" : "0")).join("");

// A family by what a case holds (a provider's prefix), else generic: a credential under a name.
const FAMILY_BY_VALUE = [
  [/AKIA|ASIA|aws_?secret|AWS_SECRET/i, "aws"],
  [/gh[pousr]_|github_pat_/, "github"],
  [/AIza/, "gcp"],
  [/xox[a-z]-|hooks\.slack\.com/, "slack"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY/, "privatekey"],
  [/[a-z]{3,10}:\/\/[^\s:@/"']+:[^\s@/"']+@/, "basicauth"],
];
const familyByValue = (text) => FAMILY_BY_VALUE.find(([re]) => re.test(text))?.[1] ?? "generic";

// ---------------------------------------------------------------------------
// gosec: G101's Go programs, each with the count of issues its test wants.

function harvestGosec(dir) {
  const patterns = goRegexes(show(dir, "rules/hardcoded_credentials.go"));
  const verdict = (t) => matchVector(patterns, t);
  const src = show(dir, "testutils/g101_samples.go");
  const cases = [];
  const stats = { kept: 0, dropped: 0, suppressed: 0 };
  for (const m of src.matchAll(/\{\[\]string\{`([^`]*)`\}, (\d+), gosec\.NewConfig\(\)\}/g)) {
    const raw = m[1].replace(/\r\n/g, "\n").trim();
    if (/#nosec|gosec:disable/.test(raw)) {
      stats.suppressed++;
      continue;
    }
    const label = Number(m[2]) > 0 ? "tp" : "fp";
    if (encoded(raw)) continue;
    const text = printable(raw) ? checkedTemplate(raw, verdict) : undefined;
    if (!text) {
      stats.dropped++;
      continue;
    }
    stats.kept++;
    cases.push({ family: familyByValue(raw), rule: "gosec/G101", label, text, src: "gosec", path: "testutils/g101_samples.go", ext: ".go", whole: true });
  }
  console.error(`gosec: ${stats.kept} programs kept, ${stats.dropped} dropped (a template changed gosec's patterns' verdict), ${stats.suppressed} testing its suppression comments left out`);
  return cases;
}

// ---------------------------------------------------------------------------
// bandit: examples/hardcoded-passwords.py, cut at blank lines.

function harvestBandit(dir) {
  const path = "examples/hardcoded-passwords.py";
  const cases = [];
  for (const piece of show(dir, path).replace(/\r\n/g, "\n").split(/\n\s*\n/)) {
    const marker = /# Possible hardcoded password: (.*)/.exec(piece);
    const notCounted = /# \.\.\. but not:/.test(piece);
    if (!marker && !notCounted) continue;
    // bandit's functional test counts 16 issues, all of Low severity: the two `None` markers (High) are not issued.
    const label = marker && marker[1].trim() !== "None" ? "tp" : "fp";
    const code = piece
      .split("\n")
      .filter((line) => !/^\s*# (?:Possible hardcoded password|Severity|\.\.\. but not|https:\/\/github\.com\/PyCQA)/.test(line))
      .join("\n")
      .trim();
    if (!code || !printable(code) || encoded(code)) continue;
    cases.push({ family: "generic", rule: `bandit/${label === "tp" ? "B105-B107" : "not-issued"}`, label, text: template(code, {}), src: "bandit", path, ext: ".py", whole: true });
  }
  console.error(`bandit: ${cases.length} cases`);
  return cases;
}

// ---------------------------------------------------------------------------
// IBM's detect-secrets: pytest parametrize cases, judged by the fork's own plugins.

const DS_PY = String.raw`
import ast, json, sys, subprocess
out = []
for path in sys.argv[2:]:
    src = subprocess.run(["git", "-C", sys.argv[1], "show", "HEAD:" + path], capture_output=True, text=True).stdout
    tree = ast.parse(src)
    consts = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                consts[node.targets[0].id] = ast.literal_eval(node.value)
            except Exception:
                pass
    def value(node):
        # Literals, and the str.format(...) of literals and module constants the tests build their lines with.
        try:
            return ast.literal_eval(node)
        except Exception:
            pass
        if isinstance(node, ast.Name) and node.id in consts:
            return consts[node.id]
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format":
            base = value(node.func.value)
            kw = {k.arg: value(k.value) for k in node.keywords}
            args = [value(a) for a in node.args]
            if isinstance(base, str) and all(v is not None for v in list(kw.values()) + args):
                return base.format(*args, **kw)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a, b = value(node.left), value(node.right)
            if isinstance(a, str) and isinstance(b, str):
                return a + b
        if isinstance(node, (ast.Tuple, ast.List)):
            items = [value(e) for e in node.elts]
            return items
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2:
            names = value(node.args[0])
            values = value(node.args[1])
            if not isinstance(values, list):
                continue
            if isinstance(names, str):
                names = [n.strip() for n in names.split(",")]
            out.append({"path": path, "names": list(names), "values": values})
print(json.dumps(out, default=str))
`;

// Runs each [plugin module, line] through the fork's plugin (its network and database clients stubbed:
// analyze_line reads none of them); null where the plugin cannot run.
const DS_RUN = String.raw`
import sys, json, importlib, importlib.abc, importlib.util, inspect, pkgutil
from unittest.mock import MagicMock
sys.path.insert(0, sys.argv[1])
class Stub(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('boxsdk', 'ibm_db', 'ibm_boto3', 'ibm_botocore'):
            return importlib.util.spec_from_loader(name, self)
        return None
    def create_module(self, spec):
        m = MagicMock(); m.__path__ = []; m.__spec__ = spec; return m
    def exec_module(self, module):
        pass
sys.meta_path.append(Stub())
import detect_secrets.plugins as P
from detect_secrets.plugins.base import BasePlugin
plugins = {}
for info in pkgutil.iter_modules(P.__path__):
    try:
        mod = importlib.import_module('detect_secrets.plugins.' + info.name)
    except Exception:
        continue
    for n, c in inspect.getmembers(mod, inspect.isclass):
        if issubclass(c, BasePlugin) and c.__module__ == mod.__name__ and not inspect.isabstract(c):
            plugins[info.name] = c
out = []
for plugin, text in json.load(sys.stdin):
    c = plugins.get(plugin)
    try:
        out.append(len(c().analyze_line(text, 1, 'mock_filename')) > 0 if c else None)
    except Exception:
        out.append(None)
print(json.dumps(out))
`;

// Test files by the plugin module they test (the rest: the file's name less `_test`).
const DS_PLUGIN = { aws_key: "aws", mailchimp_key: "mailchimp", stripe_key: "stripe", gh_enterprise: "github_enterprise", azure_storage_key: "azure_storage_key" };
const DS_FAMILY = { gh_enterprise: "github", aws_key: "aws", mailchimp_key: "mailchimp", stripe_key: "stripe", azure_storage_key: "azure", ibm_cloud_iam: "ibmcloudiam", ibm_cos_hmac: "ibmcoshmac", basic_auth: "basicauth", private_key: "privatekey", square_oauth: "square", github_token: "github" };

// The fork's look-alikes write placeholders as runs a template would make random (`12345678abcdnotenough`,
// `BadBase64`): a run holding a placeholder's sequence (1234, abcd, 0123), or words and a few digits, stays literal.
const isPlaceholderRun = (run) => /abcd|1234|0123/i.test(run) || /^(?:[A-Z]?[a-z]{2,}){2,}\d{0,3}$/.test(run);
/** `make(text)` with the placeholder runs of `text` kept out of its reach (put back literally). */
function keepingPlaceholders(text, make) {
  const kept = [];
  const masked = text.replace(/(?<![A-Za-z0-9])[A-Za-z0-9]{8,}(?![A-Za-z0-9])/g, (run) => (isPlaceholderRun(run) ? `«keep${kept.push(run) - 1}»` : run));
  return make(masked).replace(/«keep(\d+)»/g, (_, i) => kept[Number(i)]);
}

function harvestIbmDetectSecrets(dir) {
  const files = ls(dir, "tests/plugins").filter((f) => f.endsWith("_test.py") && !/base_test|high_entropy/.test(f));
  const r = spawnSync("python3", ["-c", DS_PY, dir, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  const raw = [];
  for (const { path, names: cols, values } of JSON.parse(r.stdout)) {
    const name = path.replace(/^tests\/plugins\//, "").replace(/_test\.py$/, "");
    const textIdx = cols.findIndex((n) => /payload|line|file_content/.test(n));
    const flagIdx = cols.findIndex((n) => /should|expected|is_|flag/.test(n));
    if (textIdx < 0 || flagIdx < 0) continue;
    for (const v of values) {
      const row = cols.length === 1 ? [v] : v;
      const text = row?.[textIdx];
      const flag = row?.[flagIdx];
      if (typeof text !== "string" || typeof flag !== "boolean" || !printable(text) || !text.trim() || text.length > 4000 || encoded(text)) continue;
      raw.push({ name, plugin: DS_PLUGIN[name] ?? name, text, flag, path });
    }
  }
  // The fork's package, out of the checkout, to run its plugins on each original and template.
  const work = mkdtempSync(join(tmpdir(), "ibm-ds-"));
  try {
    const archive = spawnSync("git", ["-C", dir, "archive", "--format=tar", "HEAD", "detect_secrets"], { maxBuffer: 256 * 1024 * 1024 });
    writeFileSync(join(work, "ds.tar"), archive.stdout);
    spawnSync("tar", ["-xf", join(work, "ds.tar"), "-C", work]);
    const judge = (pairs) => {
      const j = spawnSync("python3", ["-c", DS_RUN, work], { input: JSON.stringify(pairs), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (j.status !== 0) throw new Error(j.stderr);
      return JSON.parse(j.stdout);
    };
    const want = judge(raw.map((c) => [c.plugin, c.text]));
    // Each variant's templates, judged in one run per variant.
    const chosen = raw.map(() => undefined);
    for (const variant of VARIANTS) {
      const pending = raw.map((c, i) => (chosen[i] === undefined ? i : -1)).filter((i) => i >= 0);
      if (!pending.length) break;
      const templates = pending.map((i) => keepingPlaceholders(raw[i].text, (t) => templatize(t, [], { head: 4, ...variant })));
      const got = judge(pending.map((i, k) => [raw[i].plugin, expandFake(templates[k], "harvest-check")]));
      pending.forEach((i, k) => {
        if (want[i] !== null && got[k] === want[i]) chosen[i] = templates[k];
      });
    }
    // What Yelp's detect-secrets (cases.json) already holds is no new case.
    const known = new Set(JSON.parse(readFileSync(externalCorpusFile("cases.json"), "utf8")).cases.map((c) => c.text));
    const cases = [];
    const stats = { kept: 0, dropped: 0, known: 0 };
    raw.forEach((c, i) => {
      const text = chosen[i];
      if (!text) return void stats.dropped++;
      if (known.has(text) || known.has(templatize(c.text, [], { head: 4 })) || known.has(keepingPlaceholders(c.text, (t) => templatize(t, [], { head: 4 })))) return void stats.known++;
      stats.kept++;
      cases.push({ family: DS_FAMILY[c.name] ?? c.name, rule: `ibm-detect-secrets/${c.name}`, label: c.flag ? "tp" : "fp", text, src: "ibm-detect-secrets", path: c.path });
    });
    console.error(`ibm-detect-secrets: ${stats.kept} cases kept, ${stats.known} already in cases.json (Yelp's), ${stats.dropped} dropped (a template changed the plugin's verdict, or it could not run)`);
    return cases;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// horusec: the leaks engine's vulnerable and safe samples.

const HORUSEC_FAMILIES = [
  [/^AWS/, "aws"],
  [/^Facebook/, "facebook"],
  [/^Twitter/, "twitter"],
  [/^Github/, "github"],
  [/^LinkedIn/, "linkedin"],
  [/^Slack/, "slack"],
  [/Private Key/, "privatekey"],
  [/^Google/, "gcp"],
  [/^Heroku/, "heroku"],
  [/^MailChimp/, "mailchimp"],
  [/^Mailgun/, "mailgun"],
  [/^PayPal/, "paypal"],
  [/^Picatic/, "picatic"],
  [/^SendGrid/, "sendgrid"],
  [/^Stripe/, "stripe"],
  [/^Square/, "square"],
  [/^Twilio/, "twilio"],
  [/URL/, "basicauth"],
  [/./, "generic"],
];

function harvestHorusec(dir) {
  const base = "internal/services/engines/leaks";
  const rulesGo = show(dir, `${base}/rules.go`);
  const samples = show(dir, `${base}/samples.go`);
  const sample = new Map([...samples.matchAll(/(Sample(?:Vulnerable|Safe)HSLEAKS\d+)\s*=\s*`([^`]*)`/g)].map((m) => [m[1], m[2]]));
  const cases = [];
  const stats = { kept: 0, dropped: 0 };
  for (const fn of rulesGo.split(/\nfunc /).slice(1)) {
    const id = /ID:\s*"([^"]+)"/.exec(fn)?.[1];
    const name = /Name:\s*"([^"]+)"/.exec(fn)?.[1];
    if (!id || !name) continue;
    const res = goRegexes(fn);
    const family = HORUSEC_FAMILIES.find(([re]) => re.test(name))[1];
    for (const [kind, label] of [["Vulnerable", "tp"], ["Safe", "fp"]]) {
      const raw = sample.get(`Sample${kind}${id.replace(/-/g, "")}`);
      if (raw === undefined) continue;
      const original = raw.replace(/\r\n/g, "\n").replace(/^\n+|\s+$/g, "");
      if (encoded(original)) continue;
      const text = printable(original) ? checkedTemplate(original, (t) => matchVector(res, t)) : undefined;
      if (!text) {
        stats.dropped++;
        continue;
      }
      stats.kept++;
      const ext = /^\s*(?:version|services|apiVersion):/m.test(original) ? ".yml" : /<\?php/.test(original) ? ".php" : undefined;
      cases.push({ family, rule: `horusec/${id} ${name}`, label, text, src: "horusec", path: `${base}/samples.go`, whole: true, ...(ext ? { ext } : {}), ...(/Client ID/.test(name) ? { notSecret: true } : {}) });
    }
  }
  console.error(`horusec: ${stats.kept} samples kept, ${stats.dropped} dropped (a template changed the rule's verdict)`);
  return cases;
}

// ---------------------------------------------------------------------------
// eslint-plugin-no-secrets: the programs its rule tests with the default options.

/** Shannon entropy of a string over its own characters, as the rule measures it. */
const shannon = (s) => {
  const counts = new Map();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let e = 0;
  for (const n of counts.values()) e -= (n / s.length) * Math.log2(n / s.length);
  return e;
};
const entropyVerdict = (text) => (text.match(/"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g) ?? []).map((s) => (shannon(s.slice(1, -1)) > 4 ? "1" : "0")).join("");

// The constants its tests pass with no option (valid: look-alikes; invalid: secrets).
const NO_SECRETS_CASES = { STRING_TEST: "fp", IMPORT_REQUIRE_TEST: "fp", TEMPLATE_TEST: "fp", CSS_CLASSNAME: "fp", SECRET_STRING_TEST: "tp", A_BEARER_TOKEN: "tp", IN_AN_OBJECT: "tp", SECRET_LOWERCASE_STRING: "tp", COMMENTS_TEST: "tp" };

function harvestNoSecrets(dir) {
  const path = "tests/lib/rules/no-secrets.ts";
  const src = show(dir, path);
  const cases = [];
  for (const m of src.matchAll(/const (\w+) =\s*(?:`([^`]*)`|"((?:[^"\\]|\\.)*)");/g)) {
    const label = NO_SECRETS_CASES[m[1]];
    if (!label) continue;
    const raw = (m[2] ?? JSON.parse(`"${m[3]}"`)).trim();
    if (encoded(raw)) continue;
    const text = checkedTemplate(raw, entropyVerdict);
    if (text) cases.push({ family: "generic", rule: `no-secrets/${m[1]}`, label, text, src: "no-secrets", path, ext: ".js", whole: true });
  }
  console.error(`no-secrets: ${cases.length} cases`);
  return cases;
}

// ---------------------------------------------------------------------------

/**
 * Evaluation sources whose misses became known after the roles were fixed, each with why: such a source is no
 * longer untouched, so it is a development one from then on (its misses read and fixed by class). No other source
 * takes its place: every development source's misses have been read, so none can be an evaluation one again.
 */
export const READ_AFTER_THE_RULE = {
  gosec:
    "hand-written probes of the generic rule's Go shapes turned out to be its samples' shapes, and three missed (a literal compared on the left, the name `cred`, `bearer = \"Bearer: …\"`): its misses were known, so the lead made it a development source (issue #15)",
};

/**
 * Roles by the fixed rule above: SHA-256 of `owner/name` ascending, evaluation until a third of the cases; then the
 * sources of `read` (READ_AFTER_THE_RULE) are development ones whatever the rule gave them.
 */
export function assignRoles(counts, repos, read = READ_AFTER_THE_RULE) {
  const order = Object.keys(counts).sort((a, b) => createHash("sha256").update(repos[a]).digest("hex").localeCompare(createHash("sha256").update(repos[b]).digest("hex")));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const roles = {};
  let evaluated = 0;
  for (const src of order) {
    roles[src] = evaluated * 3 < total ? EVALUATION : DEVELOPMENT;
    if (roles[src] === EVALUATION) evaluated += counts[src];
  }
  for (const src of Object.keys(read)) if (src in roles) roles[src] = DEVELOPMENT;
  return roles;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flags = { gosec: harvestGosec, bandit: harvestBandit, "ibm-detect-secrets": harvestIbmDetectSecrets, horusec: harvestHorusec, "no-secrets": harvestNoSecrets };
  if (!Object.keys(flags).every((f) => opt(f))) {
    console.error(`usage: node scripts/harvest-sast-cases.mjs ${Object.keys(flags).map((f) => `--${f} DIR`).join(" ")}`);
    process.exit(2);
  }
  // Each case once (as writeCases writes them), so that the roles count what the file holds.
  const seen = new Set();
  const all = Object.entries(flags)
    .flatMap(([f, harvest]) => harvest(opt(f)))
    .filter((c) => {
      const key = `${c.src}\0${c.rule}\0${c.label}\0${c.text}`;
      return !seen.has(key) && seen.add(key);
    });
  console.error(`${encodedCases} cases holding base64 of text left out`);
  const counts = Object.fromEntries(Object.keys(flags).map((s) => [s, all.filter((c) => c.src === s).length]));
  const roles = assignRoles(counts, Object.fromEntries(Object.entries(SOURCES).map(([s, v]) => [s, v.repo])));
  const sources = Object.fromEntries(Object.keys(flags).map((s) => [s, { ...SOURCES[s], role: roles[s], commit: git(opt(s), "rev-parse", "HEAD").trim() }]));
  for (const [s, r] of Object.entries(roles)) console.error(`${s}: ${counts[s]} cases, ${r}`);
  console.error(`${writeCases(OUT, sources, all)} cases -> ${OUT}`);
}
