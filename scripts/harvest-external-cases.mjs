// Harvests other scanners' published test cases into the local corpora's external-corpus/cases.json, the
// input of scripts/gen-external-corpus.mjs. Run once by hand when the sources move on; the
// output is committed, this script is kept to show where each case came from and how.
//
//   node scripts/harvest-external-cases.mjs --gitleaks GITDIR --secretlint GITDIR \
//        --detect-secrets GITDIR --trufflehog GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD. What is taken:
//   gitleaks (MIT)         cmd/generate/config/rules/*.go: each rule's `tps` and `fps`, by a small
//                          evaluator of the Go expressions they are built from (string literals,
//                          GenerateSampleSecrets, NewSecret(regex) as a template of that regex);
//   secretlint (MIT)       packages/@secretlint/secretlint-rule-*/test/snapshots: ng.* inputs give
//                          the lines of each reported range, ok.* inputs their lines;
//   detect-secrets (Apache-2.0) tests/plugins/*_test.py: pytest parametrize cases (via python3 ast);
//   trufflehog (AGPL-3.0)  pkg/detectors/*/*_test.go: only facts (the shape of each valid and
//                          invalid token: prefix, length, character classes), re-expressed as
//                          templates in our own lines; none of its text is kept.
//
// No token-shaped string is written: every random-looking run of a case becomes a template of
// the same length and character class (`«A36»`, see test/helpers/fake-secrets.mjs), keeping the
// provider's keywords, separators and placeholder words literal. For gitleaks and secretlint a
// case is kept only when the source's own verdict is the same on the expanded template as on
// the original (gitleaks: the rule's regex; secretlint: the rule run on both), so each case
// still tests what it tested.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake } from "../test/helpers/fake-secrets.mjs";
import { externalCorpusFile } from "./gen-external-corpus.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DOCUMENTED = Object.entries(JSON.parse(readFileSync(join(ROOT, "src/scan/documented-examples.json"), "utf8")))
  .filter(([name]) => !name.startsWith("_"))
  .map(([name, pieces]) => [name, pieces.join("")]);
const OUT = externalCorpusFile("cases.json");

const args = process.argv.slice(2);
/** The value after `--NAME` on the command line (of whichever harvest script runs). */
export const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** `git -C DIR ...` in a source's checkout: its stdout, or a throw with its stderr. */
export const git = (dir, ...a) => {
  const r = spawnSync("git", ["-C", dir, ...a], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${a.join(" ")}: ${r.stderr}`);
  return r.stdout;
};
/** The files under `under` at the checkout's HEAD. */
export const ls = (dir, under) => git(dir, "ls-tree", "-r", "--name-only", "HEAD", under).split("\n").filter(Boolean);
/** A file's text at the checkout's HEAD. */
export const show = (dir, path) => git(dir, "show", `HEAD:${path}`);

// ---------------------------------------------------------------------------
// Templates: a token's random runs become «classN» of the narrowest class.

const CLASS_ORDER = [
  ["d", /^[0-9]+$/],
  ["h", /^[0-9a-f]+$/],
  ["H", /^[0-9A-F]+$/],
  ["l", /^[a-z]+$/],
  ["C", /^[A-Z]+$/],
  ["a", /^[a-z0-9]+$/],
  ["U", /^[A-Z0-9]+$/],
  ["L", /^[A-Za-z]+$/],
  ["A", /^[A-Za-z0-9]+$/],
];
/** The narrowest template class of an alphanumeric piece. */
export const classOf = (piece) => CLASS_ORDER.find(([, re]) => re.test(piece))?.[0] ?? "A";

// Literal words kept as they are: placeholders and markers a rule or a scanner's allow-list reads (exported for the
// CredSweeper harvest's second pass).
export const KEEP = /postgres(?:ql)?|mysql|mongodb|redis|amqp|localhost|EXAMPLE|example|[xX]{4,}|[*]{4,}|0{6,}|A{6,}|abcdef(?:gh)?|ABCDEF|123456789?|1234|test|TEST|dummy|DUMMY|fake|FAKE|sample|SAMPLE|secret|SECRET|token|TOKEN|password|PASSWORD|your|YOUR|here|HERE/g;


/** A piece of letters that reads as a word (kept), not a random run (templated). */
function isWordLike(piece) {
  if (!/^[A-Za-z]+$/.test(piece)) return false;
  // camelCase and PascalCase names: every part a word (`azureClientSecret`, `ProductionDatabase`).
  const parts = piece.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  // Random letters split into many short parts (`hZEmnoOEYISjraJtby`); names into a few words.
  if (parts.length > 4 || parts.slice(1).some((part) => part.length < 3)) return false;
  return parts.every((part) => {
    if (!/^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/.test(part) || part.length > 24) return false;
    if (part.length <= 3) return /^[A-Z]?[a-z]+$|^[A-Z]+$/.test(part) && (part.length <= 2 || /[aeiouy]/i.test(part));
    return part.replace(/[^aeiouy]/gi, "").length >= 0.25 * part.length;
  });
}

/**
 * Writes a corpus file: its sources (with their commits) and its cases, one line per case (compact,
 * and a diff shows which cases moved), each case once. Returns how many were written.
 */
export function writeCases(out, sources, cases) {
  const seen = new Set();
  const lines = [];
  for (const c of cases) {
    const key = `${c.src}\0${c.rule}\0${c.label}\0${c.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(JSON.stringify(c));
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `{"sources": ${JSON.stringify(sources)},\n"cases": [\n${lines.join(",\n")}\n]}\n`);
  return lines.length;
}

/**
 * The template of `text`: every maximal alphanumeric run of 8 or more characters that is not a
 * word becomes templates, keeping `keep` words (the rule's keywords) and placeholder words
 * literal. `tail` keeps the last `tail` characters of each templated piece literal, `head` the
 * first `head` of each run (fallbacks when the plain template changes the source's verdict).
 */
export function templatize(text, keep = [], { tail = 0, head = 0 } = {}) {
  // Vendors' documented examples stay what they are, by name (src/scan/documented-examples.json).
  for (const [name, value] of DOCUMENTED) text = text.split(value).join(`«doc:${name}»`);
  // A signed JWT is a JWT by its header: a fresh one of ours («jwt») tests the same.
  text = text.replace(/(?<![A-Za-z0-9-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g, (jwt) => {
    try {
      const header = JSON.parse(Buffer.from(jwt.slice(0, jwt.indexOf(".")), "base64url").toString("utf8"));
      return typeof header.alg === "string" && header.alg.toLowerCase() !== "none" ? "«jwt»" : jwt;
    } catch {
      return jwt;
    }
  });
  // A Discord bot token starts with its bot's id in base64 (public): kept, the rest templated.
  text = text.replace(/(?<![\w-])([MNO][A-Za-z0-9_-]{23,27})\.([A-Za-z0-9_-]{6})\.([A-Za-z0-9_-]{27,38})(?![\w-])/g, (token, id, stamp, mac) =>
    /^\d{15,21}$/.test(Buffer.from(id, "base64").toString("latin1")) ? `${id}.«u${stamp.length}».«u${mac.length}»` : token,
  );
  const keepRe = keep.length ? new RegExp(`${keep.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")}|${KEEP.source}`, "gi") : KEEP;
  return text.replace(/«[^»]*»|[A-Za-z0-9]{8,}/g, (run) => {
    if (run.startsWith("«")) return run;
    if (isWordLike(run)) return run;
    // Low variety (`aaaaaaaa`, `abababab`): a placeholder, kept.
    if (new Set(run).size <= 4) return run;
    let out = run.slice(0, head);
    let rest = run.slice(head);
    // Split around kept words.
    const parts = [];
    let last = 0;
    for (const m of rest.matchAll(keepRe)) {
      if (m.index > last) parts.push([rest.slice(last, m.index), false]);
      parts.push([m[0], true]);
      last = m.index + m[0].length;
    }
    if (last < rest.length) parts.push([rest.slice(last), false]);
    for (const [piece, kept] of parts) {
      if (kept || piece.length < 4 || isWordLike(piece)) out += piece;
      else {
        const body = tail && piece.length > tail + 3 ? piece.slice(0, piece.length - tail) : piece;
        out += `«${classOf(body)}${body.length}»${piece.slice(body.length)}`;
      }
    }
    return out;
  });
}

/** Templates must not be used where the original had « or »; those cases are dropped. */
const usable = (text) => !/[«»]/.test(text) && !/[^\t\n\r\x20-\x7e]/.test(text) && text.length <= 4000;

// ---------------------------------------------------------------------------
// Regex → template (gitleaks' NewSecret(regex) draws a random string of a regex).

function regexToTemplate(re) {
  let i = 0;
  const src = re;
  function parseAlt() {
    const alts = [parseSeq()];
    while (src[i] === "|") {
      i++;
      alts.push(parseSeq());
    }
    return alts[0];
  }
  function parseSeq() {
    const items = [];
    while (i < src.length && src[i] !== "|" && src[i] !== ")") {
      let atom = parseAtom();
      const q = parseQuant();
      if (atom === null) continue;
      items.push(repeatAtom(atom, q));
    }
    return items.join("");
  }
  function parseQuant() {
    const c = src[i];
    if (c === "{") {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(src.slice(i));
      if (!m) throw new Error(`quantifier in ${re}`);
      i += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[2] === "" ? min + 8 : Number(m[2]);
      skipLazy();
      return Math.round((min + max) / 2);
    }
    if (c === "+" || c === "*") {
      i++;
      skipLazy();
      return c === "+" ? 8 : 0;
    }
    if (c === "?") {
      i++;
      return 1;
    }
    return 1;
  }
  function skipLazy() {
    if (src[i] === "?") i++;
  }
  function repeatAtom(atom, n) {
    if (atom.kind === "lit") return atom.text.repeat(n);
    if (atom.kind === "class") return n > 0 ? `«${atom.cls}${n}»` : "";
    return atom.text.repeat(n);
  }
  function parseClass() {
    // at '['
    i++;
    let negate = false;
    if (src[i] === "^") {
      negate = true;
      i++;
    }
    const chars = new Set();
    let first = true;
    while (i < src.length && (src[i] !== "]" || first)) {
      first = false;
      let c = src[i++];
      if (c === "\\") {
        const e = src[i++];
        if (e === "d") "0123456789".split("").forEach((x) => chars.add(x));
        else if (e === "w") "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_".split("").forEach((x) => chars.add(x));
        else if (e === "s") chars.add(" ");
        else chars.add(e);
        continue;
      }
      if (src[i] === "-" && src[i + 1] !== "]" && i + 1 < src.length) {
        const to = src[i + 1] === "\\" ? src[i + 2] : src[i + 1];
        i += src[i + 1] === "\\" ? 3 : 2;
        for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) chars.add(String.fromCharCode(k));
        continue;
      }
      chars.add(c);
    }
    i++; // ]
    if (negate) return { kind: "class", cls: "A" };
    const alnum = [...chars].filter((c) => /[A-Za-z0-9]/.test(c)).join("");
    if (alnum.length === 0) return { kind: "lit", text: [...chars][0] ?? "" };
    if (alnum.length === 1) return { kind: "lit", text: alnum };
    // The widest of our classes that the regex's class holds.
    const alphabets = { A: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", L: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", U: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", a: "abcdefghijklmnopqrstuvwxyz0123456789", C: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", l: "abcdefghijklmnopqrstuvwxyz", H: "0123456789ABCDEF", h: "0123456789abcdef", d: "0123456789", 2: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" };
    const best = Object.entries(alphabets)
      .filter(([, abc]) => [...abc].every((c) => chars.has(c)))
      .sort((x, y) => y[1].length - x[1].length)[0];
    return best ? { kind: "class", cls: best[0] } : { kind: "lit", text: alnum[0] };
  }
  function parseAtom() {
    const c = src[i];
    if (c === "(") {
      i++;
      if (src[i] === "?") {
        // (?i) flags alone, (?:...), (?i:...), (?P<name>...)
        const flags = /^\?[a-zA-Z]*\)/.exec(src.slice(i));
        if (flags) {
          i += flags[0].length;
          return null;
        }
        const m = /^\?(?:[a-zA-Z]*:|P?<[^>]+>)/.exec(src.slice(i));
        if (m) i += m[0].length;
      }
      const inner = parseAlt();
      // skip remaining alternatives
      while (src[i] === "|") {
        i++;
        parseSeq();
      }
      if (src[i] !== ")") throw new Error(`group in ${re}`);
      i++;
      return { kind: "group", text: inner };
    }
    if (c === "[") return parseClass();
    if (c === "\\") {
      const e = src[i + 1];
      i += 2;
      if (e === "d") return { kind: "class", cls: "d" };
      if (e === "w") return { kind: "class", cls: "A" };
      if (e === "b" || e === "B" || e === "z" || e === "A") return null;
      if (e === "s") return { kind: "lit", text: " " };
      if (e === "n") return { kind: "lit", text: "\n" };
      return { kind: "lit", text: e };
    }
    if (c === "^" || c === "$") {
      i++;
      return null;
    }
    if (c === ".") {
      i++;
      return { kind: "class", cls: "A" };
    }
    i++;
    return { kind: "lit", text: c };
  }
  const out = parseAlt();
  if (i < src.length) throw new Error(`unparsed ${re} at ${i}`);
  return out;
}

// ---------------------------------------------------------------------------
// A small evaluator of the Go expressions gitleaks' rule files build their cases with.

/** Go source as tokens: strings (escapes read), runes, identifiers (dotted), numbers, punctuation; each with its line. */
export function tokenizeGo(text) {
  const toks = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      line += text.slice(i, end).split("\n").length - 1;
      i = end + 2;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      const s = text.slice(i + 1, end);
      toks.push({ t: "str", v: s.replace(/\r/g, ""), line });
      line += s.split("\n").length - 1;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = "";
      while (text[j] !== '"') {
        if (text[j] === "\\") {
          const e = text[j + 1];
          const map = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "'": "'" };
          if (e in map) {
            s += map[e];
            j += 2;
          } else if (e === "x") {
            s += String.fromCharCode(parseInt(text.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === "u") {
            s += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
            j += 6;
          } else {
            s += e;
            j += 2;
          }
        } else s += text[j++];
      }
      toks.push({ t: "str", v: s, line });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      toks.push({ t: "rune", v: text.slice(i + 1, end), line });
      i = end + 1;
      continue;
    }
    const id = /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*/.exec(text.slice(i, i + 200));
    if (id) {
      toks.push({ t: "id", v: id[0], line });
      i += id[0].length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(text.slice(i, i + 50));
    if (num) {
      toks.push({ t: "num", v: Number(num[0]), line });
      i += num[0].length;
      continue;
    }
    const punct = /^(?:\.\.\.|:=|==|!=|&&|\|\||<=|>=|\+=|[-+*/%&|^<>=!(){}[\],;:.])/.exec(text.slice(i, i + 3));
    if (punct) {
      toks.push({ t: "p", v: punct[0], line });
      i += punct[0].length;
      continue;
    }
    i++;
  }
  return toks;
}

class Unknown {
  constructor(why) {
    this.why = why;
  }
}

function goEval(toks, vars, onValidate) {
  let p = 0;
  const peek = (k = 0) => toks[p + k];
  const isP = (v, k = 0) => peek(k)?.t === "p" && peek(k).v === v;
  const expect = (v) => {
    if (!isP(v)) throw new Error(`expected ${v} at line ${peek()?.line}, got ${peek()?.v}`);
    p++;
  };
  function expr() {
    let left = unary();
    while (isP("+")) {
      p++;
      const right = unary();
      left = typeof left === "string" && typeof right === "string" ? left + right : new Unknown("concat");
    }
    return left;
  }
  function skipType() {
    // []string, []*config.Allowlist, map[string]string, *config.Rule, config.Rule
    while (isP("[") || isP("*") || isP("]")) p++;
    if (peek()?.t === "id" && peek().v === "map") {
      p++;
      expect("[");
      skipType();
      expect("]");
      skipType();
      return;
    }
    if (peek()?.t === "id") p++;
  }
  function composite() {
    // at {
    expect("{");
    const items = [];
    const obj = {};
    while (!isP("}")) {
      let value;
      if (isP("{")) value = composite();
      else {
        const first = expr();
        if (isP(":")) {
          p++;
          const v = isP("{") ? composite() : expr();
          if (typeof first === "string" || first instanceof Unknown) obj[typeof first === "string" ? first : "?"] = v;
          value = undefined;
          if (first instanceof Unknown && first.key) obj[first.key] = v;
        } else value = first;
      }
      if (value !== undefined) items.push(value);
      if (isP(",")) p++;
    }
    expect("}");
    return Object.keys(obj).length ? obj : items;
  }
  function callArgs() {
    expect("(");
    const list = [];
    while (!isP(")")) {
      let v = expr();
      if (isP("...")) {
        p++;
        v = { spread: v };
      }
      list.push(v);
      if (isP(",")) p++;
    }
    expect(")");
    return list;
  }
  function unary() {
    if (isP("&")) {
      p++;
      return unary();
    }
    const tok = peek();
    if (!tok) throw new Error("end of input");
    if (tok.t === "str") {
      p++;
      return tok.v;
    }
    if (tok.t === "num") {
      p++;
      return tok.v;
    }
    if (tok.t === "p" && tok.v === "[") {
      skipType();
      if (isP("{")) return composite();
      return new Unknown("type");
    }
    if (tok.t === "p" && tok.v === "(") {
      p++;
      const v = expr();
      expect(")");
      return v;
    }
    if (tok.t === "id") {
      p++;
      const name = tok.v;
      if (name === "map") {
        p--;
        skipType();
        return composite();
      }
      if (isP("(")) {
        const a = callArgs();
        return call(name, a);
      }
      if (isP("{") && /^[A-Z]|\.[A-Z]/.test(name) && name !== "true") {
        const c = composite();
        return c;
      }
      if (name in vars) return vars[name];
      if (name === "true" || name === "false") return name === "true";
      const u = new Unknown(`ident ${name}`);
      u.key = name;
      return u;
    }
    throw new Error(`unexpected ${tok.v} at line ${tok.line}`);
  }
  const flat = (a) => a.flatMap((x) => (x && x.spread !== undefined ? (Array.isArray(x.spread) ? x.spread : [new Unknown("spread")]) : [x]));
  function call(name, a) {
    const str = (x) => (typeof x === "string" ? x : undefined);
    switch (name) {
      case "utils.Numeric":
        return `[0-9]{${a[0]}}`;
      case "utils.Hex":
        return `[a-f0-9]{${a[0]}}`;
      case "utils.AlphaNumeric":
        return `[a-z0-9]{${a[0]}}`;
      case "utils.AlphaNumericExtendedShort":
        return `[a-z0-9_-]{${a[0]}}`;
      case "utils.AlphaNumericExtended":
        return `[a-z0-9=_\\-]{${a[0]}}`;
      case "utils.AlphaNumericExtendedLong":
        return `[a-z0-9\\/=_\\+\\-]{${a[0]}}`;
      case "utils.Hex8_4_4_4_12":
        return `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;
      case "regexp.MustCompile":
        return a[0];
      case "utils.GenerateSemiGenericRegex": {
        const ids = a[0];
        const ci = a[2];
        if (!Array.isArray(ids) || typeof a[1] !== "string") return new Unknown("semi");
        const idPart = `[\\w.-]{0,50}?(?:${ids.join("|")})(?:[ \\t\\w.-]{0,20})[\\s'"]{0,3}`;
        return `${ci ? "(?i)" : ""}${ci ? idPart : `(?i:${idPart})`}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'"\\s=]{0,5}(${a[1]})(?:[\\x60'"\\s;]|\\\\[nr]|$)`;
      }
      case "utils.GenerateUniqueTokenRegex":
        return typeof a[0] === "string" ? `${a[1] ? "(?i)" : ""}\\b(${a[0]})(?:[\\x60'"\\s;]|\\\\[nr]|$)` : new Unknown("unique");
      case "utils.MergeRegexps":
        return a.every((x) => typeof x === "string") ? a.join("|") : new Unknown("merge");
      case "fmt.Sprintf": {
        if (typeof a[0] !== "string") return new Unknown("sprintf");
        let k = 1;
        return a[0].replace(/%[sdv]/g, () => String(a[k++]));
      }
      case "secrets.NewSecret":
      case "newPlausibleSecret":
        return typeof a[0] === "string" ? regexToTemplate(a[0]) : new Unknown("newsecret");
      case "utils.GenerateSampleSecrets":
        return str(a[0]) !== undefined && str(a[1]) !== undefined ? [{ ident: a[0], secret: a[1] }] : [new Unknown("samples")];
      case "utils.GenerateSampleSecret":
        return str(a[0]) !== undefined && str(a[1]) !== undefined ? `${a[0]}_api_token = "${a[1]}"` : new Unknown("sample");
      case "append":
        return Array.isArray(a[0]) ? [...a[0], ...flat(a.slice(1))] : new Unknown("append");
      case "strings.Repeat":
        return typeof a[0] === "string" ? a[0].repeat(a[1]) : new Unknown("repeat");
      case "utils.GetEnvOrDefault":
        return `utils.GetEnvOrDefault(${JSON.stringify(a[0])}, ${JSON.stringify(a[1])})`;
      case "utils.Validate":
      case "utils.ValidateWithPaths":
        onValidate(a[0], a[1], a[2]);
        return a[0];
      default:
        return new Unknown(`call ${name}`);
    }
  }
  // Statements.
  while (p < toks.length) {
    const start = p;
    try {
      if (peek().t === "id" && peek().v === "return") {
        p++;
        expr();
      } else if (peek().t === "id" && peek().v === "var" && peek(1)?.t === "id") {
        const name = peek(1).v;
        p += 2;
        if (!isP("=")) skipType();
        if (isP("=")) {
          p++;
          vars[name] = expr();
        }
      } else if (peek().t === "id" && (isP(":=", 1) || isP("=", 1))) {
        const name = peek().v;
        p += 2;
        vars[name] = expr();
      } else p++;
    } catch {
      const line = toks[start].line;
      p = start + 1;
      while (p < toks.length && toks[p].line === line) p++;
    }
  }
}

function goRegexToJs(re) {
  if (typeof re !== "string") return undefined;
  let flags = "";
  let src = re;
  if (src.includes("(?i)") || src.includes("(?i:")) flags = "i";
  src = src.replace(/\(\?i\)/g, "").replace(/\(\?[a-z]+:/g, "(?:").replace(/\(\?[smU]+\)/g, "").replace(/\\z/g, "$").replace(/\(\?P</g, "(?<").replace(/\\x60/g, "`");
  src = src.replace(/\[\[:alnum:\]\]/g, "[A-Za-z0-9]").replace(/\[:alnum:\]/g, "A-Za-z0-9").replace(/\[:alpha:\]/g, "A-Za-z").replace(/\[:digit:\]/g, "0-9").replace(/\\p\{L\}/g, "\\p{L}");
  try {
    return new RegExp(src, `${flags}mu`);
  } catch {
    try {
      return new RegExp(src, `${flags}m`);
    } catch {
      return undefined;
    }
  }
}

/**
 * Each gitleaks rule of a checkout, evaluated from its Go source: `fn(rule, tps, fps, family, file)`
 * with the rule's fields (RuleID, Regex, Keywords) and its true and false positives.
 */
export function eachGitleaksRule(dir, fn) {
  const base = "cmd/generate/config/rules";
  const files = ls(dir, base).filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"));
  for (const file of files) {
    const family = file.slice(base.length + 1, -3);
    const text = show(dir, file);
    const toks = tokenizeGo(text);
    // Package-level vars first (shared identifiers), then each function body.
    const pkgVars = {};
    const funcs = [];
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].t === "id" && toks[i].v === "func") {
        let j = i;
        while (j < toks.length && !(toks[j].t === "p" && toks[j].v === "{")) j++;
        let depth = 0;
        let k = j;
        for (; k < toks.length; k++) {
          if (toks[k].t === "p" && toks[k].v === "{") depth++;
          if (toks[k].t === "p" && toks[k].v === "}" && --depth === 0) break;
        }
        funcs.push(toks.slice(j + 1, k));
        i = k;
      } else if (toks[i].t === "id" && toks[i].v === "var" && toks[i + 1]?.t === "id") {
        // package-level var: evaluate the single statement
        let k = i + 2;
        let depth = 0;
        for (; k < toks.length; k++) {
          if (toks[k].t === "p" && "({[".includes(toks[k].v)) depth++;
          if (toks[k].t === "p" && ")}]".includes(toks[k].v)) depth--;
          if (depth === 0 && toks[k + 1] && toks[k + 1].line > toks[k].line && !(toks[k].t === "p" && ["+", ",", "{", "("].includes(toks[k].v))) break;
        }
        goEval(toks.slice(i, k + 1), pkgVars, () => {});
        i = k;
      }
    }
    for (const body of funcs) {
      goEval(body, { ...pkgVars }, (rule, tps, fps) => {
        if (!rule || typeof rule !== "object" || typeof rule.RuleID !== "string") return;
        fn(rule, tps, fps, family, file);
      });
    }
  }
}

/** A gitleaks rule's Go regex as a JavaScript one (undefined when it does not translate). */
export { goRegexToJs };

/**
 * gitleaks' rules' tps and fps of a checkout (or of a fork that keeps its rule files, `src` naming it),
 * as cases: templates checked against the rule's regex.
 */
export function harvestGitleaks(dir, src = "gitleaks") {
  const cases = [];
  const stats = { rules: 0, kept: 0, dropped: 0 };
  eachGitleaksRule(dir, (rule, tps, fps, family, file) => {
    stats.rules++;
    const regex = goRegexToJs(rule.Regex);
    const keywords = Array.isArray(rule.Keywords) ? rule.Keywords.filter((k) => typeof k === "string") : [];
    const push = (label, item) => {
      let original;
      let ident;
      if (typeof item === "string") original = item;
      else if (item && typeof item === "object" && typeof item.secret === "string") {
        original = item.secret;
        ident = item.ident;
      } else return;
      const sample = ident ? `${ident}Token = "${original}"` : original;
      const verdict = (t) => (regex ? regex.test(ident ? `${ident}Token = "${t}"` : t) : undefined);
      const originalExpanded = expandFake(original, "harvest");
      const want = verdict(originalExpanded);
      let template;
      for (const variant of [{}, { tail: 2 }, { head: 4 }, { head: 4, tail: 2 }, { head: 8, tail: 4 }]) {
        const t = templatize(original, keywords, variant);
        if (want === undefined || verdict(expandFake(t, "harvest-check")) === want) {
          template = t;
          break;
        }
      }
      if (!template || !usable(originalExpanded) || template.length > 4000) {
        stats.dropped++;
        return;
      }
      void sample;
      stats.kept++;
      cases.push({ family, rule: rule.RuleID, label, text: template, ...(ident ? { ident } : {}), src, path: file });
    };
    for (const t of Array.isArray(tps) ? tps : Array.isArray(tps?.[""]) ? tps[""] : []) push("tp", t);
    for (const f of Array.isArray(fps) ? fps : []) push("fp", f);
  });
  console.error(`${src}: ${stats.rules} rules, ${stats.kept} cases kept, ${stats.dropped} dropped`);
  return cases;
}

// ---------------------------------------------------------------------------
// secretlint: the snapshot fixtures of each rule package.

const SECRETLINT_SKIP = /secretlint-rule-(?:preset-|filter-comments|no-homedir|no-dotenv|no-k8s-kind-secret|pattern|example)/;

async function harvestSecretlint(dir) {
  const { lintSource } = await import("@secretlint/core");
  const { creator } = await import("@secretlint/secretlint-rule-preset-recommend");
  const verdict = async (text) => {
    const r = await lintSource({ source: { filePath: "/case.txt", content: text, contentType: "text" }, options: { config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: creator }] } } });
    return r.messages.length > 0;
  };
  const cases = [];
  const stats = { kept: 0, dropped: 0 };
  const files = ls(dir, "packages/@secretlint").filter((f) => /secretlint-rule-[^/]+\/test\/snapshots\/[^/]+\/input[^/]*$/.test(f) && !SECRETLINT_SKIP.test(f));
  for (const file of files) {
    const pkg = /secretlint-rule-([^/]+)/.exec(file)[1];
    const snap = file.split("/").at(-2);
    // options.* fixtures test the rule's options (an allowed value, a switch): not a case of its own.
    if (/^options\./.test(snap)) continue;
    const input = show(dir, file).replace(/\r/g, "");
    let output;
    try {
      output = JSON.parse(show(dir, file.replace(/input[^/]*$/, "output.json")));
    } catch {
      continue;
    }
    const ext = file.slice(file.lastIndexOf("/") + 1).replace(/^input/, "") || ".txt";
    const items = [];
    if (output.messages.length > 0) {
      // Each reported range: the lines it spans.
      const seen = new Set();
      for (const m of output.messages) {
        const [s, e] = m.range;
        const a = input.lastIndexOf("\n", s - 1) + 1;
        let b = input.indexOf("\n", e - 1);
        if (b < 0) b = input.length;
        const key = `${a}:${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push(["tp", input.slice(a, b)]);
      }
    } else if (/^ok\./.test(snap)) {
      // Multi-line inputs (keys) are one case; others one case a line.
      if (/BEGIN|\n\s/.test(input) || ext !== ".txt") items.push(["fp", input.trim()]);
      else for (const line of input.split("\n")) if (line.trim()) items.push(["fp", line]);
    }
    for (const [label, original] of items) {
      if (!usable(original) || !original.trim()) {
        stats.dropped++;
        continue;
      }
      const want = await verdict(original);
      if ((label === "tp") !== want) {
        // The preset differs from the rule's own options in that fixture: keep the fixture's label.
      }
      let template;
      for (const variant of [{}, { tail: 2 }, { head: 4 }, { head: 4, tail: 2 }, { head: 8, tail: 4 }]) {
        const t = templatize(original, [], variant);
        if ((await verdict(expandFake(t, "harvest-check"))) === want) {
          template = t;
          break;
        }
      }
      if (!template) {
        stats.dropped++;
        continue;
      }
      stats.kept++;
      cases.push({ family: pkg, rule: `secretlint-rule-${pkg}/${snap}`, label, text: template, ...(ext !== ".txt" ? { ext } : {}), src: "secretlint", path: file });
    }
  }
  console.error(`secretlint: ${stats.kept} cases kept, ${stats.dropped} dropped`);
  return cases;
}

// ---------------------------------------------------------------------------
// detect-secrets: pytest parametrize cases, read with python's ast.

const DS_PY = String.raw`
import ast, json, sys, subprocess
out = []
for path in sys.argv[2:]:
    src = subprocess.run(["git", "-C", sys.argv[1], "show", "HEAD:" + path], capture_output=True, text=True).stdout
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2:
            try:
                names = ast.literal_eval(node.args[0])
                values = ast.literal_eval(node.args[1])
            except Exception:
                continue
            if isinstance(names, str):
                names = [n.strip() for n in names.split(",")]
            out.append({"path": path, "names": list(names), "values": values})
print(json.dumps(out, default=str))
`;

function harvestDetectSecrets(dir) {
  const files = ls(dir, "tests/plugins").filter((f) => f.endsWith("_test.py") && !/base_test|high_entropy|ip_public/.test(f));
  const r = spawnSync("python3", ["-c", DS_PY, dir, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  const cases = [];
  for (const { path, names, values } of JSON.parse(r.stdout)) {
    const family = path.replace(/^tests\/plugins\//, "").replace(/_test\.py$/, "");
    const textIdx = names.findIndex((n) => /payload|line|token|secret|file_content/.test(n));
    const flagIdx = names.findIndex((n) => /should|expected|is_|flag/.test(n));
    if (textIdx < 0 || flagIdx < 0) continue;
    for (const v of values) {
      const row = names.length === 1 ? [v] : v;
      const text = row[textIdx];
      const flag = row[flagIdx];
      if (typeof text !== "string" || typeof flag !== "boolean" || !usable(text) || !text.trim()) continue;
      cases.push({ family, rule: `detect-secrets/${family}`, label: flag ? "tp" : "fp", text: templatize(text, [], { head: 4 }), src: "detect-secrets", path });
    }
  }
  console.error(`detect-secrets: ${cases.length} cases`);
  return cases;
}

// ---------------------------------------------------------------------------
// trufflehog: facts only. Each detector test's valid and invalid token shapes, as templates.

function harvestTrufflehog(dir) {
  const files = ls(dir, "pkg/detectors").filter((f) => /^pkg\/detectors\/[^/]+\/[^/]+_test\.go$/.test(f) && !/integration/.test(f));
  const cases = [];
  for (const file of files) {
    const family = file.split("/")[2];
    const text = show(dir, file);
    const toks = tokenizeGo(text);
    for (let i = 0; i + 2 < toks.length; i++) {
      const name = toks[i].t === "id" ? toks[i].v : "";
      const m = /^(valid|invalid)(?:Pattern|Key|Token|Secret|Id|ID)?\w*$/.exec(name);
      if (!m || !(toks[i + 1].t === "p" && (toks[i + 1].v === "=" || toks[i + 1].v === ":=")) || toks[i + 2].t !== "str") continue;
      // The token-shaped words of the string, each as a template; the words around them are dropped.
      const words = toks[i + 2].v.match(/[A-Za-z0-9_\-+/=.:]{16,}/g) ?? [];
      for (const w of words) {
        if (/^https?:|:\/\/|\.com|\.io/.test(w)) continue;
        const t = templatize(w, [family], { head: 4 });
        if (t === w && m[1] === "valid") continue; // nothing random: not a token
        // Invalid patterns test a regex's edge (a character too many, a wrong charset): still random
        // strings, not look-alikes, so they are not taken as false positives.
        if (m[1] !== "valid") continue;
        cases.push({ family, rule: `trufflehog/${family}`, label: "tp", text: t, bare: true, src: "trufflehog", path: file });
      }
    }
  }
  console.error(`trufflehog: ${cases.length} token shapes`);
  return cases;
}

// ---------------------------------------------------------------------------

const SOURCES = {
  gitleaks: { repo: "gitleaks/gitleaks", license: "MIT" },
  secretlint: { repo: "secretlint/secretlint", license: "MIT" },
  "detect-secrets": { repo: "Yelp/detect-secrets", license: "Apache-2.0" },
  trufflehog: { repo: "trufflesecurity/trufflehog", license: "AGPL-3.0 (facts only: token shapes re-expressed as templates)" },
};

const direct = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (direct && !["gitleaks", "secretlint", "detect-secrets", "trufflehog"].every((s) => opt(s))) {
  console.error("usage: node scripts/harvest-external-cases.mjs --gitleaks DIR --secretlint DIR --detect-secrets DIR --trufflehog DIR");
  process.exit(2);
}
const all = [];
if (direct && opt("gitleaks")) all.push(...harvestGitleaks(opt("gitleaks")));
if (direct && opt("secretlint")) all.push(...(await harvestSecretlint(opt("secretlint"))));
if (direct && opt("detect-secrets")) all.push(...harvestDetectSecrets(opt("detect-secrets")));
if (direct && opt("trufflehog")) all.push(...harvestTrufflehog(opt("trufflehog")));

if (direct) {
  const commits = Object.fromEntries(Object.keys(SOURCES).filter((s) => opt(s)).map((s) => [s, { ...SOURCES[s], commit: git(opt(s), "rev-parse", "HEAD").trim() }]));
  const written = writeCases(OUT, commits, all);
  console.error(`${written} cases, ${new Set(all.map((c) => c.family)).size} families -> ${OUT}`);
}
