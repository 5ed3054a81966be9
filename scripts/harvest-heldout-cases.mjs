// Harvests the held-out corpus: rule examples of two scanners the rules were NOT tuned on, into
// external-corpus/ (local corpora) heldout.json (same case format as cases.json, read by
// scripts/gen-external-corpus.mjs). Run once by hand when the sources move on; the output is
// committed, this script shows where each case came from and how.
//
//   node scripts/harvest-heldout-cases.mjs --noseyparker GITDIR --kingfisher GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD. What is taken:
//   Nosey Parker (Apache-2.0)  crates/noseyparker/data/default/builtin/rules/*.yml: each rule's
//                              `examples` (tp) and `negative_examples` (fp);
//   Kingfisher (Apache-2.0)    data/rules/*.yml: the same fields.
// Rules that find identifiers, not secrets (Nosey Parker's `identifier` category without
// `secret`; Kingfisher's `visible: false` helper rules) are kept but marked, so the corpus sets
// them apart.
//
// Both are development sources now: their misses are read and fixed by class (Kingfisher was
// the evaluation half, only its scores read, until the ninth round of issue #15; a new
// evaluation source from other scanners is kept apart from these).
//
// As for cases.json, nothing token-shaped is written: each random run becomes a template of the
// same length and class (scripts/harvest-external-cases.mjs's templatize), and a case is kept only
// when the source's own regex gives the same verdict on the expanded template as on the original
// (checked with python's re, which reads the sources' (?x) patterns; a pattern it cannot compile
// keeps the plain template).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expandFake } from "../test/helpers/fake-secrets.mjs";
import { git, opt, templatize, writeCases } from "./harvest-external-cases.mjs";
import { externalCorpusFile } from "./gen-external-corpus.mjs";

const OUT = externalCorpusFile("heldout.json");

const SOURCES = {
  noseyparker: { repo: "praetorian-inc/noseyparker", license: "Apache-2.0", rules: "crates/noseyparker/data/default/builtin/rules", role: "development: misses read and fixed by class" },
  kingfisher: { repo: "mongodb/kingfisher", license: "Apache-2.0", rules: "data/rules", role: "development: misses read and fixed by class" },
};


// Python reads the YAML and answers regex verdicts: {rules} in, and later [pattern, text] pairs in.
const PY_READ = String.raw`
import json, subprocess, sys, yaml
out = []
gitdir, base = sys.argv[1], sys.argv[2]
files = subprocess.run(["git", "-C", gitdir, "ls-tree", "-r", "--name-only", "HEAD", base], capture_output=True, text=True).stdout.split()
for path in files:
    if not (path.endswith(".yml") or path.endswith(".yaml")):
        continue
    src = subprocess.run(["git", "-C", gitdir, "show", "HEAD:" + path], capture_output=True, text=True).stdout
    try:
        doc = yaml.safe_load(src)
    except Exception:
        continue
    for rule in (doc or {}).get("rules", []) or []:
        if not isinstance(rule, dict):
            continue
        out.append({"path": path, "id": rule.get("id"), "name": rule.get("name"), "pattern": rule.get("pattern"),
                    "examples": [e for e in rule.get("examples") or [] if isinstance(e, str)],
                    "negative": [e for e in rule.get("negative_examples") or [] if isinstance(e, str)],
                    "categories": [c for c in rule.get("categories") or [] if isinstance(c, str)],
                    "visible": rule.get("visible", True)})
print(json.dumps(out))
`;

const PY_VERDICT = String.raw`
import json, re, sys
FLAG = re.compile(r"\(\?([imsx]+)\)")
cache = {}
def compiled(p):
    if p not in cache:
        flags = 0
        for m in FLAG.findall(p):
            for f in m:
                flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[f]
        body = FLAG.sub("", p).replace("\\z", "\\Z")
        try:
            cache[p] = re.compile(body, flags)
        except Exception:
            cache[p] = None
    return cache[p]
out = []
for p, t in json.load(sys.stdin):
    r = compiled(p) if p else None
    out.append(None if r is None else bool(r.search(t)))
print(json.dumps(out))
`;

function python(program, argv, input) {
  const r = spawnSync("python3", ["-c", program, ...argv], { encoding: "utf8", input, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const usable = (text) => !/[«»]/.test(text) && !/[^\t\n\r\x20-\x7e]/.test(text) && text.length <= 4000 && text.trim() !== "";

const VARIANTS = [{}, { tail: 2 }, { head: 4 }, { head: 4, tail: 2 }, { head: 8, tail: 4 }];

/** The number of signed JWTs in `text` whose header decodes (a template must keep them decodable). */
const decodableJwts = (text) =>
  (text.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g) ?? []).filter((jwt) => {
    try {
      return typeof JSON.parse(Buffer.from(jwt.slice(0, jwt.indexOf(".")), "base64url").toString("utf8")).alg === "string";
    } catch {
      return false;
    }
  }).length;

/**
 * Features of a format a template must keep when the original has them (the source's regex may not
 * check them, so its verdict cannot tell): an Anthropic key's AA ending, an OpenAI key's marker,
 * a JWT's decodable header.
 */
const FEATURES = [(t) => (t.match(/sk-ant-[\w-]{80,}AA(?![\w-])/g) ?? []).length, (t) => (t.match(/T3BlbkFJ/g) ?? []).length, decodableJwts];
const keepsFeatures = (original, expanded) => FEATURES.every((f) => f(expanded) >= f(original));

/** age keys are bech32 (no 1, b, i, o after the separator): their random run is of that alphabet. */
function bech32(template) {
  const fix = (prefix, cls) => (m) => {
    const body = m.slice(prefix.length);
    const n = body.replace(/«[A-Za-z2](\d+)»/g, (_, k) => "x".repeat(Number(k))).length;
    return `${prefix}«${cls}${n}»`;
  };
  return template.replace(/AGE-SECRET-KEY-1(?:[0-9A-Z]|«[A-Za-z2]\d+»)+/g, fix("AGE-SECRET-KEY-1", "Q")).replace(/\bage1(?:[0-9a-z]|«[A-Za-z2]\d+»)+/g, fix("age1", "q"));
}

/**
 * The cases of the rule files under `base` in `gitdir` (Nosey Parker's format), as templates the rule's regex judges as it
 * judges the original. `skip` (a set of `label\0example`) leaves out examples another source already gave
 * (scripts/harvest-newsrc-cases.mjs: titus' examples that Nosey Parker's or Kingfisher's files hold); `post(template, keep)`
 * a second pass over each template, its variants tried first (the plain ones after, when the regex judges none of them
 * as it judges the original).
 */
export function harvest(src, gitdir, { base = SOURCES[src].rules, skip = new Set(), post = (t) => t } = {}) {
  const rules = python(PY_READ, [gitdir, base]);
  const items = [];
  for (const rule of rules) {
    const family = rule.path.slice(rule.path.lastIndexOf("/") + 1).replace(/\.ya?ml$/, "");
    // An identifier (a public key, an account id) or a helper rule another one depends on: not a secret alone.
    const notSecret =
      (rule.categories.includes("identifier") && !rule.categories.includes("secret")) ||
      rule.visible === false ||
      /recipient|public key|\b(?:client|app|account|user|org(?:anization)?|project|tenant|application) ?id\b|identifier|username/i.test(String(rule.name ?? ""));
    for (const [label, list] of [["tp", rule.examples], ["fp", rule.negative]]) {
      for (const raw of list) {
        const original = raw.replace(/\r/g, "").replace(/\n+$/, "");
        if (!usable(original) || skip.has(`${label}\0${raw}`)) continue;
        const keep = [family, ...String(rule.name ?? "").split(/\W+/).filter((w) => w.length >= 4)];
        items.push({ rule, family, label, original, notSecret, variants: [...new Set([...VARIANTS.map((v) => post(bech32(templatize(original, keep, v)), keep)), ...VARIANTS.map((v) => bech32(templatize(original, keep, v)))])] });
      }
    }
  }
  // The source's verdicts: on the original, and on each variant's expansion.
  const pairs = [];
  for (const it of items) {
    pairs.push([it.rule.pattern, it.original]);
    for (const t of it.variants) pairs.push([it.rule.pattern, expandFake(t, "harvest-check")]);
  }
  const verdicts = python(PY_VERDICT, [], JSON.stringify(pairs));
  const cases = [];
  const stats = { kept: 0, dropped: 0, unchecked: 0 };
  let k = 0;
  for (const it of items) {
    const want = verdicts[k++];
    const got = it.variants.map(() => verdicts[k++]);
    let text;
    if (want === null) {
      stats.unchecked++;
      text = it.variants.find((t) => keepsFeatures(it.original, expandFake(t, "harvest-check")));
    } else {
      const i = got.findIndex((v, j) => v === want && keepsFeatures(it.original, expandFake(it.variants[j], "harvest-check")));
      text = i >= 0 ? it.variants[i] : undefined;
    }
    if (!text) {
      stats.dropped++;
      continue;
    }
    stats.kept++;
    cases.push({ family: it.family, rule: `${src}/${it.rule.id}`, label: it.label, text, ...(it.notSecret ? { notSecret: true } : {}), src, path: it.rule.path });
  }
  console.error(`${src}: ${rules.length} rules, ${stats.kept} cases kept (${stats.unchecked} unchecked), ${stats.dropped} dropped`);
  return cases;
}

/** Every example of the rule files under `base` in `gitdir`, as `label\0example` (the source's text, untemplated). */
export function ruleExamples(gitdir, base) {
  return new Set(python(PY_READ, [gitdir, base]).flatMap((r) => [...r.examples.map((e) => `tp\0${e}`), ...r.negative.map((e) => `fp\0${e}`)]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!opt("noseyparker") || !opt("kingfisher")) {
    console.error("usage: node scripts/harvest-heldout-cases.mjs --noseyparker DIR --kingfisher DIR");
    process.exit(2);
  }
  const all = [...harvest("noseyparker", opt("noseyparker")), ...harvest("kingfisher", opt("kingfisher"))];
  const sources = Object.fromEntries(Object.entries(SOURCES).map(([s, { repo, license, role }]) => [s, { repo, license, commit: git(opt(s), "rev-parse", "HEAD").trim(), role }]));
  console.error(`${writeCases(OUT, sources, all)} cases -> ${OUT}`);
}
