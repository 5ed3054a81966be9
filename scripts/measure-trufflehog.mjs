// Measures the scanner on trufflehog's detector pattern tests, whole: each `TestX_Pattern` case's
// `input` (the keyword context a detector needs, not only its token), valid when its `want` lists a
// match, invalid when `want` is empty or nil. trufflehog is AGPL-3.0: nothing of it is committed. The
// script reads a clone (`fetch` trufflesecurity/trufflehog, or `git clone --bare`) at run time and
// prints counts only; the counts are written down in docs/scan.md ("trufflehog's pattern tests").
//
// Each input is placed in a realistic file as scripts/gen-external-corpus.mjs places a case (a bare
// token assigned to a name in two file types, a snippet in the file type it looks like), scored as
// test/helpers/corpus-score.ts scores a source: placeholders set apart, claimed families apart.
//
//   node scripts/measure-trufflehog.mjs --trufflehog GITDIR              per family and overall
//   node scripts/measure-trufflehog.mjs --trufflehog GITDIR --wrong      also each wrong verdict (test names, no text)
//   node scripts/measure-trufflehog.mjs --trufflehog GITDIR --expand DIR the placed files and labels.json, to read
//                                                                        (DIR outside the repository: AGPL text)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { PLACEHOLDER, buildExternalCorpus, expandExternalFile } from "./gen-external-corpus.mjs";
import { git, ls, opt, show, tokenizeGo } from "./harvest-external-cases.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Thrown by the evaluator on an expression it does not know (a helper call, a byte slice): the case is skipped. */
class Unknown extends Error {}

/**
 * The string a Go expression of a test file builds: literals, `+`, names bound earlier in the file
 * to strings, fmt.Sprintf (%s %v %q %d), strings.Repeat and strings.Join of literals. `p` is the
 * token index; returns { value, end }.
 */
function evalString(toks, p, vars) {
  const isP = (v, k = p) => toks[k]?.t === "p" && toks[k].v === v;
  function args(k) {
    if (!isP("(", k)) throw new Unknown("call");
    k++;
    const list = [];
    while (!isP(")", k)) {
      const a = expr(k);
      list.push(a.value);
      k = a.end;
      if (isP(",", k)) k++;
      else if (!isP(")", k)) throw new Unknown("args");
    }
    return { list, end: k + 1 };
  }
  function term(k) {
    const tok = toks[k];
    if (!tok) throw new Unknown("end");
    if (tok.t === "str") return { value: tok.v, end: k + 1 };
    if (tok.t === "num") return { value: tok.v, end: k + 1 };
    if (tok.t === "id") {
      if (tok.v === "fmt.Sprintf") {
        const { list, end } = args(k + 1);
        let i = 1;
        const value = String(list[0]).replace(/%(?:%|[-+# 0]*\d*[svqdx])/g, (f) => {
          if (f === "%%") return "%";
          const v = list[i++];
          if (v === undefined) throw new Unknown("sprintf");
          return f.endsWith("q") ? JSON.stringify(String(v)) : String(v);
        });
        return { value, end };
      }
      if (tok.v === "strings.Repeat") {
        const { list, end } = args(k + 1);
        if (typeof list[1] !== "number" || list[1] > 10000) throw new Unknown("repeat");
        return { value: String(list[0]).repeat(list[1]), end };
      }
      if (tok.v === "string" && isP("(", k + 1)) {
        const { list, end } = args(k + 1);
        return { value: String(list[0]), end };
      }
      if (tok.v in vars && !isP("(", k + 1) && !isP("[", k + 1)) return { value: vars[tok.v], end: k + 1 };
    }
    throw new Unknown(`term ${tok.v}`);
  }
  function expr(k) {
    let { value, end } = term(k);
    while (isP("+", end)) {
      const r = term(end + 1);
      value = `${value}${r.value}`;
      end = r.end;
    }
    return { value, end };
  }
  return expr(p);
}

/** The end (exclusive) of the balanced `{...}` that opens at token `p`. */
function closing(toks, p) {
  let depth = 0;
  for (let k = p; k < toks.length; k++) {
    if (toks[k].t !== "p") continue;
    if (toks[k].v === "{" || toks[k].v === "(" || toks[k].v === "[") depth++;
    else if (toks[k].v === "}" || toks[k].v === ")" || toks[k].v === "]") depth--;
    if (depth === 0) return k + 1;
  }
  return toks.length;
}

/**
 * The pattern-test cases of one test file: { name, input, valid }. A case is an item `{ name: …,
 * input: …, want: … }` of a Test…_Pattern function's table; valid when `want` is a non-empty
 * []string literal (or a name bound to one), invalid when it is nil, `[]string{}` or absent.
 */
export function patternCases(source) {
  const toks = tokenizeGo(source);
  const vars = {};
  const cases = [];
  let inPattern = false;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.t === "id" && t.v === "func") inPattern = /^Test\w*_?Pattern/.test(toks[k + 1]?.v ?? "");
    // name = "…", name := "…", name string = "…" (top-level, in var/const blocks, or in the test).
    if (t.t === "id" && !t.v.includes(".")) {
      const at = toks[k + 1]?.t === "p" && (toks[k + 1].v === "=" || toks[k + 1].v === ":=") ? k + 2 : toks[k + 1]?.v === "string" && toks[k + 2]?.v === "=" ? k + 3 : -1;
      if (at > 0) {
        try {
          const { value, end } = evalString(toks, at, vars);
          if (typeof value === "string" && !(toks[end]?.t === "p" && [".", "(", "["].includes(toks[end].v))) vars[t.v] = value;
        } catch {
          // not a string binding
        }
      }
    }
    if (!inPattern || t.t !== "p" || t.v !== "{") continue;
    // An item of the table: a `{` whose first field is `name:` or `input:`.
    if (!(toks[k + 1]?.t === "id" && ["name", "input"].includes(toks[k + 1].v) && toks[k + 2]?.v === ":")) continue;
    const end = closing(toks, k);
    const fields = {};
    let depth = 0;
    for (let j = k + 1; j < end - 1; j++) {
      const v = toks[j].t === "p" ? toks[j].v : "";
      if (v === "{" || v === "(" || v === "[") depth++;
      else if (v === "}" || v === ")" || v === "]") depth--;
      else if (depth === 0 && toks[j].t === "id" && toks[j + 1]?.v === ":" && (j === k + 1 || toks[j - 1].v === ",")) fields[toks[j].v] = j + 2;
    }
    if (fields.input === undefined) continue;
    let input;
    try {
      input = evalString(toks, fields.input, vars).value;
    } catch {
      continue;
    }
    let valid = false;
    const want = [];
    if (fields.want !== undefined) {
      const w = toks[fields.want];
      if (w.t === "p" && w.v === "[") {
        // []string{ … }: valid when anything stands between the braces; the strings it lists, where they evaluate.
        let j = fields.want + 3;
        valid = toks[j]?.v === "{" && !(toks[j + 1]?.t === "p" && toks[j + 1].v === "}");
        for (j++; valid && j < end && toks[j].v !== "}"; ) {
          try {
            const r = evalString(toks, j, vars);
            want.push(String(r.value));
            j = r.end;
          } catch {
            j++;
          }
          if (toks[j]?.v === ",") j++;
        }
      } else if (w.t === "id" && w.v !== "nil") valid = true;
    }
    let name = "";
    try {
      if (fields.name !== undefined) name = String(evalString(toks, fields.name, vars).value);
    } catch {
      // unnamed
    }
    cases.push({ name, input, valid, want });
    k = end - 1;
  }
  return cases;
}

/** Every pattern-test case of the clone at `dir`, as cases.json's cases (src `trufflehog-tests`). */
export function trufflehogCases(dir) {
  const files = ls(dir, "pkg/detectors").filter((f) => f.endsWith("_test.go") && !/integration/.test(f));
  const out = [];
  const seen = new Set();
  for (const file of files) {
    const family = file.split("/")[2];
    for (const c of patternCases(show(dir, file))) {
      // The harvest's templates use «»; an input holding them would expand: none does, but say so.
      if (c.input.includes("«") || !c.input.trim()) continue;
      const key = `${family}\0${c.valid}\0${c.input}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ family, rule: `trufflehog/${family}: ${c.name}`, label: c.valid ? "tp" : "fp", text: c.input.replace(/^\n+/, "").replace(/\s+$/, ""), want: c.want, src: "trufflehog-tests", path: file });
    }
  }
  return out;
}

// An invalid input that a reviewer would still call a secret (the classes the other sources' DISPUTED
// lists set apart, judged here by rule rather than case by case, since nothing of trufflehog is kept):
// (a) it holds a token its detector's own valid inputs hold (`only key`, `out of prefix range`: the
// detector wants a pair or a keyword nearby; the token is the same random secret);
// (b) a random run of 20 characters or more (letters and digits, ten different characters at least, in
// a token's alphabet) is assigned to a secret's name or to the vendor's own (`API_KEY=<31 random>`,
// `infura = '<31 random>'`: the detector's length or its keyword's distance is off by a little; every
// generic rule of other scanners flags it). A value with a character no token's alphabet has (`%c^`,
// `$`, `#`) is a look-alike.
const SECRET_NAME = /key|token|secret|pass(?:word|wd)?|pwd|auth|credential/i;
const ASSIGNED = /([A-Za-z][\w.-]{0,60})["']?[ \t]*(?::=|=>|[:=])[ \t]*["'\x60]?([A-Za-z0-9_+/=.~-]{20,})["'\x60]?(?=[\s,;)]|$)/gm;

/** Why an invalid input is set apart (a reason), or undefined for a look-alike. */
export function disputedNegative(c, validTokens) {
  const tokens = validTokens.get(c.path) ?? [];
  if (tokens.some((t) => c.text.includes(t))) return "holds a token its detector's valid inputs hold";
  const family = c.family.toLowerCase().replace(/[^a-z0-9]/g, "");
  for (const [, rawName, value] of c.text.matchAll(ASSIGNED)) {
    const name = rawName.toLowerCase().replace(/[^a-z0-9]/g, "");
    const named = SECRET_NAME.test(rawName) || (name.length >= 4 && (family.startsWith(name) || name.startsWith(family)));
    const random = /\d/.test(value) && /[A-Za-z]/.test(value) && new Set(value).size >= 10 && !PLACEHOLDER.test(value);
    if (named && random) return "a random value of 20 characters or more assigned to a secret's or the vendor's name";
  }
  return undefined;
}

/** The token-shaped words (16 characters or more, letters and digits mixed) of each test file's valid inputs. */
function validTokensByFile(cases) {
  const out = new Map();
  for (const c of cases) {
    if (c.label !== "tp") continue;
    const words = (c.text.match(/[A-Za-z0-9_\-+/=.]{16,}/g) ?? []).filter((w) => /\d/.test(w) && /[A-Za-z]/.test(w) && !/^https?|\.(?:com|io|net|org)\b/.test(w));
    out.set(c.path, [...(out.get(c.path) ?? []), ...words]);
  }
  return out;
}

/** The scanner's scanText, bundled from src/ (the build's own way: esbuild, the tables computed at load). */
async function loadScanner() {
  const dir = mkdtempSync(join(tmpdir(), "backpack-measure-"));
  try {
    const outfile = join(dir, "scanner.mjs");
    await build({ bundle: true, format: "esm", platform: "node", target: "node20", outfile, logLevel: "warning", stdin: { contents: 'export { scanText } from "./src/scan/scanner.ts";\n', resolveDir: ROOT, loader: "ts" }, banner: { js: 'import { createRequire as __r } from "node:module"; const require = __r(import.meta.url);' } });
    return (await import(pathToFileURL(outfile).href)).scanText;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (a, b) => (b ? (a / b).toFixed(3) : "-");

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = opt("trufflehog");
  if (!dir) {
    console.error("usage: node scripts/measure-trufflehog.mjs --trufflehog GITDIR [--wrong] [--expand DIR]");
    process.exit(2);
  }
  const cases = trufflehogCases(dir);
  const files = buildExternalCorpus({ cases });
  // A valid input is a placeholder by what the detector finds in it (its `want`), not by its context
  // (an XML element, `example.com` near the token); where `want` did not evaluate, by the whole input.
  const bySeed = new Map(cases.map((c) => [`${c.src}:${c.rule}:${c.text}:`, c]));
  for (const f of files) {
    const c = bySeed.get(f.seed.replace(/\d+$/, ""));
    if (c && f.label === "tp" && c.want.length) f.placeholder = c.want.some((w) => PLACEHOLDER.test(w));
  }
  const validTokens = validTokensByFile(cases);
  for (const f of files) {
    const c = bySeed.get(f.seed.replace(/\d+$/, ""));
    if (c && f.label === "fp") f.disputed = disputedNegative(c, validTokens);
  }
  const out = opt("expand");
  if (out) {
    if (resolve(out).startsWith(ROOT)) throw new Error("--expand writes trufflehog's text (AGPL): give a folder outside the repository");
    for (const f of files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), expandExternalFile(f));
    }
  }
  const scanText = await loadScanner();
  const stats = new Map();
  const bump = (key, f, hit) => {
    const s = stats.get(key) ?? { pos: 0, found: 0, neg: 0, alarms: 0, set: 0, disputed: 0, disputedAlarms: 0 };
    stats.set(key, s);
    if (f.label === "tp" && f.placeholder) s.set++;
    else if (f.disputed) {
      s.disputed++;
      if (hit) s.disputedAlarms++;
    }
    else if (f.label === "tp") {
      s.pos++;
      if (hit) s.found++;
    } else {
      s.neg++;
      if (hit) s.alarms++;
    }
  };
  const verdicts = [];
  for (const f of files) {
    const findings = scanText({ path: f.path, text: expandExternalFile(f) });
    const hit = findings.length > 0;
    verdicts.push({ path: f.path, family: f.family, claimed: f.claimed, label: f.label, placeholder: f.placeholder, disputed: f.disputed, rule: f.rule, hit, by: [...new Set(findings.map((x) => x.rule))] });
    bump("all", f, hit);
    if (f.claimed) bump("claimed", f, hit);
    bump(`family ${f.family}${f.claimed ? " (claimed)" : ""}`, f, hit);
  }
  if (out) writeFileSync(join(out, "labels.json"), JSON.stringify(verdicts));
  const commit = git(dir, "rev-parse", "HEAD").trim();
  const families = new Set(files.map((f) => f.family));
  const familiesFound = [...families].filter((fam) => (stats.get(`family ${fam}`) ?? stats.get(`family ${fam} (claimed)`)).found > 0).length;
  console.log(`trufflehog ${commit.slice(0, 12)}: ${cases.length} pattern-test inputs (${cases.filter((c) => c.label === "tp").length} valid), ${files.length} placed files, ${families.size} families`);
  const line = (key) => {
    const s = stats.get(key);
    return `${key}: recall ${pct(s.found, s.pos)} (${s.found}/${s.pos}), false-positive rate ${pct(s.alarms, s.neg)} (${s.alarms}/${s.neg}), placeholders set apart ${s.set}; disputed invalid inputs set apart ${s.disputed} (flagged ${s.disputedAlarms}; FPR with them ${pct(s.alarms + s.disputedAlarms, s.neg + s.disputed)})`;
  };
  console.log(line("claimed"));
  console.log(line("all"));
  console.log(`families with any valid input found: ${familiesFound}/${families.size}`);
  if (process.argv.includes("--families")) for (const key of [...stats.keys()].filter((k) => k.startsWith("family ")).sort()) console.log(line(key));
  if (process.argv.includes("--wrong")) {
    for (const v of verdicts) {
      if (v.placeholder || v.hit === (v.label === "tp")) continue;
      console.log(`${v.label === "tp" ? "missed" : v.disputed ? "disputed alarm" : "false alarm"}${v.claimed ? " [claimed]" : ""} ${v.path} (${v.rule})${v.by.length ? ` by ${v.by.join(", ")}` : ""}`);
    }
  }
}

/** True when a clone of trufflehog is at `dir` (the test that runs this script skips without one). */
export const hasClone = (dir) => Boolean(dir) && spawnSync("git", ["-C", dir, "rev-parse", "HEAD"]).status === 0;
