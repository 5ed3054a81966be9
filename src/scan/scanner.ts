/**
 * The scanner: text in, findings out. Pure (no files, no git): the callers
 * read staged blobs, the working tree or history and pass the text here, with
 * the lines that count (a commit's added lines) and the allow-list in force.
 *
 * A finding names where (file, line, column), which rule, a masked preview (a
 * few leading characters and the length) and a fingerprint (a hash, for
 * allow-listing). It never carries the secret itself.
 */
import { nodeCrypto } from "../io/lazy-crypto.js";
import { type AllowList, ALLOW_NOTHING, baselineKey, guardAllows, markerOn, pathMatcher } from "./allow.js";
import { dotenvKind, dotenvValues } from "./dotenv.js";
import { credentialFileValues, isCredentialFile } from "./credential-file.js";
import { csvSecretValues, isCsvFile } from "./csv-secret.js";
import { isSqlFile, sqlSecretValues } from "./sql-insert.js";
import { isKubeSecretFile, kubeSecretValues } from "./kube-secret.js";
import { embeddedTextSpans, type TextSpan } from "./embedded-text.js";
import { isCodeFile, isPlausibleSecret } from "./heuristics.js";
import { type KnownSecrets, NO_KNOWN_SECRETS, findKnownSecrets } from "./known-secrets.js";
import { type MatchEnd, type RequiredLiterals, matchEnd, requiredLiterals } from "./literals.js";
import { AGENT_LOCK_DOWNGRADE, AGENT_LOCK_PLAINTEXT, CREDENTIAL_FILE_VALUE, CSV_PASSWORD_VALUE, DOTENV_VALUE, isOverruledByRecordName, KNOWN_SECRET, KUBE_SECRET_VALUE, SQL_INSERT_VALUE, type MatchGroups, type PatternRule, RECORD_WINDOW, RULES, ruleCatalog } from "./rules.js";

/** One secret found. Safe to print and to write to JSON: it holds no secret. */
export interface Finding {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  rule: string;
  /** A few leading characters and the length, e.g. `sk-p…(164 chars)`. */
  preview: string;
  /** A hash of the secret (16 hex digits): the same value gives the same fingerprint everywhere. */
  fingerprint: string;
  /** The name to suggest for `backpack key add`. */
  name: string;
  /** The commit that introduced it (history scans). */
  commit?: string;
  /** A fix that fits this finding better than its rule's (a .gitattributes line that overrides the filter, named). */
  fix?: string;
}

/** What to scan. */
export interface ScanTarget {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
  /** 1-based numbers of the lines that count (a commit's added lines); all lines when undefined. */
  lines?: ReadonlySet<number>;
  commit?: string;
}

export interface ScanOptions {
  rules?: readonly PatternRule[];
  /** Counts the work done (positions examined), for the linear-time tests. */
  work?: ScanWork;
  known?: KnownSecrets;
  allow?: AllowList;
  /**
   * How many candidates of one rule a text gets judged (default FINDING_LIMIT; Infinity for all).
   * Past it, the rule's further matches are counted in `stats.unexamined`, not judged.
   */
  limit?: number;
  /** Filled in by the scan: matches left unexamined past the limit (0 when every one was judged). */
  stats?: ScanStats;
}

/** What a scan of one text left undone. */
export interface ScanStats {
  /** Matches of rules past their limit in this text, not judged (the text has findings then). */
  unexamined: number;
}

/**
 * Candidates of one rule judged per text. A file with more is a dump of keys or data that
 * blocks a commit on its first findings; judging tens of thousands more costs seconds and
 * changes nothing, so the rest are counted and reported as not examined. (Semgrep stops at
 * 10,000 matches per file for the same reason.) If the judged ones all turn out allowed,
 * the text is judged again without the limit: no finding that blocks is ever left out.
 */
export const FINDING_LIMIT = 1000;

/** A candidate before line numbers and allow-listing. */
interface Candidate {
  start: number;
  end: number;
  rule: string;
  /** What the fingerprint is taken of: the secret (for a known secret, the value it encodes). */
  value: string;
  priority: number;
  envName: string;
  /** The variable the rule's match names (PatternRule.namesVariable), which the line before the secret may not. */
  variable?: string | undefined;
}

/** The fingerprint of a secret value (16 hex digits of SHA-256). */
export function fingerprintOf(value: string): string {
  return nodeCrypto().createHash("sha256").update(value, "utf8").digest("hex").slice(0, 16);
}

/** A masked preview: up to 4 leading characters (fewer for short values) and the length. */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  const shown = chars.length >= 16 ? 4 : chars.length >= 8 ? 2 : 0;
  const lead = chars
    .slice(0, shown)
    .map((c) => (/[\x20-\x7e]/.test(c) ? c : "?"))
    .join("");
  return `${lead}…(${chars.length} chars)`;
}

/**
 * Offsets of line starts, for turning an offset into line and column, built once per text.
 * The findings come in text order, so a cursor walks forward from one to the next: all the
 * findings of a text cost one pass over its lines, not a search (or a rescan) each. Each
 * line's allow marker is read once, however many findings the line holds.
 */
class LineIndex {
  private readonly starts: number[] = [0];
  /** The 0-based line of the last lookup. */
  private cursor = 0;
  private readonly markers = new Map<number, ReturnType<typeof markerOn>>();
  private readonly nextLineMarkers = new Map<number, ReturnType<typeof markerOn>>();

  constructor(
    private readonly text: string,
    private readonly work: ScanWork,
  ) {
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) this.starts.push(at + 1);
    work.steps += this.starts.length;
  }

  /** 0-based index of the line holding `offset`: forward from the last lookup, or a binary search when behind it. */
  private lineOf(offset: number): number {
    const { starts } = this;
    if ((starts[this.cursor] as number) > offset) {
      let lo = 0;
      let hi = this.cursor;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        this.work.steps++;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      this.cursor = lo;
    }
    while (this.cursor + 1 < starts.length && (starts[this.cursor + 1] as number) <= offset) {
      this.cursor++;
      this.work.steps++;
    }
    return this.cursor;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - (this.starts[line] as number) + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** The text of a 1-based line. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const end = this.starts[line];
    return this.text.slice(start, end === undefined ? undefined : end - 1);
  }

  /** The allow marker on a 1-based line (`nextLine`: the `-next-line` form), read once per line. */
  marker(line: number, nextLine: boolean): ReturnType<typeof markerOn> {
    const cache = nextLine ? this.nextLineMarkers : this.markers;
    if (cache.has(line)) return cache.get(line);
    const text = this.lineText(line);
    this.work.steps += text.length;
    const marker = text.includes("backpack:allow") ? markerOn(text, RULE_IDS, nextLine) : undefined;
    cache.set(line, marker);
    return marker;
  }
}

const RULE_IDS = new Set(ruleCatalog().map((r) => r.id));

/** `apiKey`/`api-key`/`API_KEY` → `API_KEY`: a name fit for `backpack key add`. */
function envNameOf(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** The name a dotted identifier's last part gives (`db.password` → `PASSWORD`), when it is fit for `backpack key add`. */
function fitEnvName(identifier: string): string | undefined {
  const env = envNameOf(identifier.split(".").pop() ?? "");
  return /^[A-Z_][A-Z0-9_]{2,}$/.test(env) ? env : undefined;
}

/** The variable a rule's `pre` and `name` groups spell (`API_TOKEN` of `set -gx API_TOKEN …`), when it is fit for `backpack key add`. */
function variableName(groups: MatchGroups): string | undefined {
  return fitEnvName(`${groups.pre ?? ""}${groups.name ?? ""}`);
}

/**
 * How far before a secret its name is looked for. A name and its assignment (`"client_secret" : `)
 * fit in far less; the bound keeps the work per finding constant on a long line (minified JSON
 * with a secret every few characters), where reading back to the line's start each time is quadratic.
 */
const NAME_WINDOW = 256;

/**
 * The variable a secret is assigned to on its line (`OPENAI_API_KEY = "…"`), if any: the name
 * before the value that holds the secret, never a part of the value itself (a password with `=`
 * in it, the user of a database URL: they would print what they are part of). `before` is the
 * line up to the secret, of which the last NAME_WINDOW characters are read.
 */
function assignedName(before: string): string | undefined {
  const cut = before.length > NAME_WINDOW;
  const linePrefix = cut ? before.slice(-NAME_WINDOW) : before;
  // The value's token starts after the last space or quote before the secret.
  let tokenStart = linePrefix.length;
  while (tokenStart > 0 && !/[\s"'`]/.test(linePrefix[tokenStart - 1] as string)) tokenStart--;
  const token = linePrefix.slice(tokenStart);
  // `NAME=value…` in one token (.env, shell): the name that starts it (not `user:` of `user:password`);
  // a token that runs past the window has no start in sight.
  // A triple-quoted value (TOML's and Python's `"""…"""`) opens with one quote as far as the name is concerned.
  const prefix = linePrefix.slice(0, tokenStart).replace(/(?:"""|''')$/, '"');
  // Inside a string that opened before the secret's token (`NOTE="two words= <secret>`): the name is
  // before that string, never one of its words (a passphrase's words would be printed), neither a
  // `WORD=` glued to the secret nor a `word >` before it. A quote just before the token (`-e "API_TOKEN=…`)
  // opens the token itself.
  const open = openQuoteStart(prefix);
  const inString = open >= 0 && open < prefix.length - 1;
  const head = !inString && (tokenStart > 0 || !cut) ? /^([A-Za-z_][\w.-]*)(?:=>|:{1,3}=|[?+!]=|=)/.exec(token) : null;
  // An element (`<password>`) or an attribute that names one (`<entry key="db.password">`), when its
  // name says it holds a secret (`<code>` before a token names nothing).
  const element = !inString && (token === ">" || /^<[\w.-]+>$/.test(token)) ? identifierEnding(linePrefix, linePrefix.length - 1) : undefined;
  // An attribute's value names the element only under an attribute that holds names (`key="db.password"`),
  // never another attribute's (`password="…"` holds a password, which would be printed).
  const attribute = element !== undefined && /["'=]/.test(linePrefix[element.start - 1] ?? "");
  const namedBy = !attribute || ATTRIBUTE_NAMING.test(linePrefix.slice(Math.max(0, (element?.start ?? 0) - 40), element?.start));
  const fromElement = element && namedBy && SECRET_WORD.test(element.text) ? fitEnvName(element.text) : undefined;
  if (fromElement) return fromElement;
  // JSON written in a string literal (`"{\"api_token\": \"<secret>`): the escaped key before the value names it,
  // when its name says it holds a secret (a string's other words are never read).
  const escapedKey = inString ? ESCAPED_JSON_KEY.exec(prefix)?.[1] : undefined;
  const fromEscapedKey = escapedKey && SECRET_WORD.test(escapedKey) ? fitEnvName(escapedKey) : undefined;
  if (fromEscapedKey) return fromEscapedKey;
  const name = head?.[1] ?? nameEnding(open >= 0 ? prefix.slice(0, open) : prefix);
  return name ? fitEnvName(name) : undefined;
}

/** An escaped JSON key and the escaped quote that opens its value, at the end of a line's prefix: `\"api_token\": \"`. */
const ESCAPED_JSON_KEY = /\\"([A-Za-z_][\w.-]{0,63})\\"[ \t]{0,4}:[ \t]{0,4}\\"$/;

/**
 * Where the string still open at the end of `text` starts (its quote), or -1. Quotes are tracked
 * left to right, a backslash escapes the next character inside one, and an apostrophe between
 * two letters (`don't`) opens nothing.
 */
function openQuoteStart(text: string): number {
  let quote = "";
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "`" || (c === "'" && !(/[A-Za-z]/.test(text[i - 1] ?? "") && /[A-Za-z]/.test(text[i + 1] ?? "")))) {
      quote = c;
      start = i;
    }
  }
  return quote ? start : -1;
}

/**
 * The name assigned at the end of `text` (`API_KEY = `, `"token": `, `$password => `), read
 * backwards from the end: what `/([A-Za-z_][\w.-]*)["'`\]]?\s*(?:=>|:=|=|:)\s*$/` finds, in time
 * linear in the name (that regex, unanchored, retries at every character of a long word run).
 */
function nameEnding(text: string): string | undefined {
  let i = text.length;
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  if (text.endsWith("=>", i)) i -= 2;
  else if (text[i - 1] === "=") {
    i--;
    // Makefile's `?=`, `+=`, `::=`, `:::=`, `!=`, PHP's `.=`, Go's `:=`: the operator's other characters.
    while (i > 0 && isOperatorChar(text, i - 1)) i--;
  } else if (text[i - 1] === ":") i--;
  else return undefined;
  // A C# auto-property's accessors between the name and its initializer (`ApiToken { get; set; } = `).
  const accessors = /\{[ \t]{0,4}get;[ \t]{0,4}(?:(?:set|init);[ \t]{0,4})?\}[ \t]{0,4}$/.exec(text.slice(Math.max(0, i - 40), i));
  if (accessors) i -= accessors[0].length;
  const name = identifierEnding(text, i);
  if (!name || !TYPE_NAMES.has(name.text)) return name?.text;
  // `var dbPassword string = `, `apiKey: string = `, `val token: String = `: the type is not the name.
  let j = name.start;
  while (j > 0 && /\s/.test(text[j - 1] as string)) j--;
  if (text[j - 1] === ":") j--;
  return identifierEnding(text, j)?.text ?? name.text;
}

/** True when the character at `at` is part of an assignment operator before its `=`; a dot only after a space (PHP's ` .=`, not `config.key=`). */
function isOperatorChar(text: string, at: number): boolean {
  const c = text[at];
  if (c === ".") return at === 0 || /\s/.test(text[at - 1] as string);
  return c === "?" || c === "+" || c === ":" || c === "!";
}

/** The attributes whose value is a name (`<entry key="db.password">`, `<add name="ApiToken">`), ending where that value starts. */
const ATTRIBUTE_NAMING = /\b(?:key|name|id|property|setting|param)[ \t]{0,4}=[ \t]{0,4}["']?$/i;

/** Words that make an element's or attribute's name a secret's (the rules' own list is longer; a name is only suggested here). */
const SECRET_WORD = /secret|token|pass|pwd|key|cred|auth/i;

/** Type names that sit between a variable and its `=` in Go, TypeScript, Kotlin, Scala, Rust and Python. */
const TYPE_NAMES = new Set(["string", "String", "str", "bytes", "char", "CharSequence", "SecretStr", "SecretString", "Secret"]);

/** The identifier (`[\w.-]` run from its first letter or underscore) ending at `i` past spaces and one quote or bracket. */
function identifierEnding(text: string, i: number): { text: string; start: number } | undefined {
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  // A subscript's closing bracket, then its quote (`config["password"] = `), or either alone.
  if (i > 0 && text[i - 1] === "]") i--;
  if (i > 0 && /["'`]/.test(text[i - 1] as string)) i--;
  const end = i;
  while (i > 0 && /[\w.-]/.test(text[i - 1] as string)) i--;
  // The name starts at the run's first letter or underscore.
  while (i < end && !/[A-Za-z_]/.test(text[i] as string)) i++;
  return i < end ? { text: text.slice(i, end), start: i } : undefined;
}

// Match indices (the `d` flag) cost more than the match itself, so rules scan
// without them and a sticky `d` copy re-runs only where a candidate passed.
const withIndices = new WeakMap<RegExp, RegExp>();

function secretSpan(re: RegExp, at: number, text: string): [number, number] | undefined {
  let sticky = withIndices.get(re);
  if (!sticky) {
    sticky = new RegExp(re.source, `${re.flags.replace("g", "")}dy`);
    withIndices.set(re, sticky);
  }
  sticky.lastIndex = at;
  const m = sticky.exec(text);
  return m?.indices?.groups?.secret ?? m?.indices?.groups?.secret2 ?? m?.indices?.[0];
}

/** True when the span [start, end) touches a line that counts (every line when the target has no `lines`). */
type Counts = (start: number, end: number) => boolean;

/** One match of a rule: where it starts, its text and its named groups. */
interface RuleMatch {
  index: number;
  text: string;
  groups: MatchGroups;
}

/**
 * Where literals occur in one text, each found once (native `indexOf`) and shared by every rule
 * that needs it: the rules that ignore case search the lowercase text, which has the same offsets
 * when it has the same length (a character such as `İ` lowercases to two and turns this off).
 * Exported for the tests.
 */
export class LiteralHits {
  private readonly found = new Map<string, number[] | null>();
  private readonly merged = new Map<string, Int32Array | null>();
  private readonly boundaries = new Map<string, Int32Array | null>();

  /**
   * `keywords`: the rule set's keywords, of which `present` are in the text (keywordsIn): a literal
   * that is a keyword the text lacks is known to be absent without a search.
   */
  constructor(
    readonly text: string,
    readonly lower: string,
    readonly keywords: ReadonlySet<string> = new Set(),
    private readonly present: ReadonlySet<string> = new Set(),
    private readonly keywordOffsets: ReadonlyMap<string, number[] | null> = new Map(),
  ) {}

  /**
   * The offsets of `literal` in the text (in its lowercase form when `ignoreCase`), in order; null
   * when it occurs more often than windows pay for (DENSE_HITS): the search stops there.
   */
  of(literal: string, ignoreCase: boolean): number[] | null {
    const key = `${ignoreCase ? "i" : "c"}${literal}`;
    let list = this.found.get(key);
    if (list === undefined) {
      list = [];
      // Absent from the lowercase text, it is absent from the text in any case.
      const word = literal.toLowerCase();
      if (this.keywords.has(word) && !this.present.has(word)) {
        this.found.set(key, list);
        return list;
      }
      const haystack = ignoreCase ? this.lower : this.text;
      const most = haystack.length / DENSE_HITS;
      // A keyword's occurrences the keyword pass recorded (in the lowercase text: the ones in this case, when case counts).
      const recorded = this.keywordOffsets.get(word);
      if (recorded && (ignoreCase || this.lower.length === this.text.length)) {
        list = ignoreCase ? recorded : recorded.filter((at) => this.text.startsWith(literal, at));
        this.found.set(key, list);
        return list;
      }
      if (recorded === null && ignoreCase) {
        this.found.set(key, null);
        return null;
      }
      // A native search, counted as the patterns' own matching is (not in `work`): each occurrence
      // is then passed once by each rule that reads it.
      for (let at = haystack.indexOf(literal); at >= 0; at = haystack.indexOf(literal, at + 1)) {
        list.push(at);
        if (list.length > most) {
          list = null;
          break;
        }
      }
      this.found.set(key, list);
    }
    return list;
  }

  /**
   * The offsets of the characters of `boundary` (a character class, matched with `flags`) in the
   * text, then the text's length, in order: where a rule's match can end (literals.ts, `matchEnd`).
   * Null when they are as common as literals that open no windows (DENSE_HITS): most texts, whose
   * blanks and punctuation are everywhere, find that out in their first few thousand characters.
   */
  endsOf(boundary: string, flags: string): Int32Array | null {
    const key = `${flags.includes("i") ? "i" : "c"}${boundary}`;
    let ends = this.boundaries.get(key);
    if (ends === undefined) {
      const most = this.text.length / DENSE_HITS;
      const at: number[] = [];
      const re = new RegExp(boundary, flags.includes("i") ? "gi" : "g");
      for (let m = re.exec(this.text); m && at.length <= most; m = re.exec(this.text)) at.push(m.index);
      ends = at.length > most ? null : Int32Array.from([...at, this.text.length]);
      this.boundaries.set(key, ends);
    }
    return ends;
  }

  /** The offsets of any of `literals`, in order, merged once per text for all the rules that need the same ones; null when one is too common. */
  ofAny(literals: readonly string[], ignoreCase: boolean): Int32Array | null {
    const key = `${ignoreCase ? "i" : "c"}${literals.join("\0")}`;
    let merged = this.merged.get(key);
    if (merged === undefined) {
      const lists: number[][] = [];
      for (const literal of literals) {
        const list = this.of(literal, ignoreCase);
        if (list === null) break;
        lists.push(list);
      }
      if (lists.length < literals.length) merged = null;
      else {
        merged = new Int32Array(lists.reduce((n, list) => n + list.length, 0));
        let at = 0;
        for (const list of lists) for (const offset of list) merged[at++] = offset;
        if (lists.length > 1) merged.sort();
      }
      this.merged.set(key, merged);
    }
    return merged;
  }
}

/**
 * A rule's pattern preceded by at most `within` characters, sticky: tried at a window's start, it
 * matches at the window's first position where the rule does. By `within` too: a rule's windows
 * open at its literals on one text and before its values' ends on another (windowsOf).
 */
const windowPatterns = new WeakMap<RegExp, Map<number, RegExp>>();

function windowPattern(re: RegExp, within: number): RegExp {
  let byWithin = windowPatterns.get(re);
  if (!byWithin) windowPatterns.set(re, (byWithin = new Map()));
  let wrapped = byWithin.get(within);
  if (!wrapped) {
    wrapped = new RegExp(`([\\s\\S]{0,${within}}?)(?:${re.source})`, `${re.flags.replace("g", "")}y`);
    byWithin.set(within, wrapped);
  }
  return wrapped;
}

/**
 * When the windows (one per occurrence, `within` and this many characters long) would cover half
 * the text, the rule's pattern runs over the whole text instead: one pass costs less than many calls.
 */
const WINDOW_COST = 64;
/** So a literal that occurs once in this many characters or more often never opens windows: its search stops there. */
const DENSE_HITS = WINDOW_COST * 2;

declare const __BACKPACK_RULE_LITERALS__: string | undefined;

/**
 * The built-in rules' literals, read from their patterns when the bundle was built (scripts/build.mjs):
 * reading 226 patterns took a large scan 100 to 200 ms, every process. Carried as JSON text and
 * parsed on first use (a large text: only those read them), not built as an object at every load.
 * Undefined when running from the sources (the tests), which read them as they go.
 */
let builtLiterals: Record<string, RequiredLiterals | null> | undefined | null = null;

function builtLiteralsTable(): Record<string, RequiredLiterals | null> | undefined {
  if (builtLiterals === null) builtLiterals = typeof __BACKPACK_RULE_LITERALS__ === "string" ? (JSON.parse(__BACKPACK_RULE_LITERALS__) as Record<string, RequiredLiterals | null>) : undefined;
  return builtLiterals;
}

/** Literals read from patterns (no build's table: the sources, a caller's own rule), per keyword set and rule. */
const readLiterals = new WeakMap<ReadonlySet<string>, WeakMap<PatternRule, RequiredLiterals | null>>();

/**
 * What `rule`'s matches must hold (literals.ts): from the build's table for a built-in rule, else read now and
 * kept (reading a pattern is most of a windowed run's cost: the tests run the sources, which have no table).
 */
export function literalsOf(rule: PatternRule, keywords: ReadonlySet<string>): RequiredLiterals | undefined {
  const built = builtLiteralsTable()?.[rule.id];
  // The table holds for the built-in rules themselves (the very objects the build read), with their
  // keywords, only: a caller's own rule of the same id is read as any other.
  if (built !== undefined && keywords === keywordSet(RULES) && BUILT_IN.has(rule)) return built ?? undefined;
  let byRule = readLiterals.get(keywords);
  if (byRule === undefined) readLiterals.set(keywords, (byRule = new WeakMap()));
  let read = byRule.get(rule);
  if (read === undefined) byRule.set(rule, (read = requiredLiterals(rule.pattern, keywords) ?? null));
  return read ?? undefined;
}

const BUILT_IN: ReadonlySet<PatternRule> = new Set(RULES);

declare const __BACKPACK_RULE_MATCH_ENDS__: string | undefined;

/**
 * The built-in rules' match ends (literals.ts, `matchEnd`), read from their patterns when the bundle was
 * built (scripts/build.mjs), as their literals are: reading them took a large text's scan about 1.5 ms a
 * rule run there (20 rules on `aws_secret_…`: 40 to 70 ms, every process). In the rules' order, each
 * boundary once (17 of them), so that the hook's bundle grows by 3 KB, not 15: parsed on first use.
 */
interface MatchEndsTable {
  boundaries: string[];
  /** Per rule, in RULES' order: its boundary's place in `boundaries` and its longest match, or null. */
  ends: Array<[number, number] | null>;
}

let builtMatchEnds: Map<PatternRule, MatchEnd | null> | undefined | null = null;

function builtMatchEndsOf(): Map<PatternRule, MatchEnd | null> | undefined {
  if (builtMatchEnds !== null) return builtMatchEnds;
  builtMatchEnds = undefined;
  if (typeof __BACKPACK_RULE_MATCH_ENDS__ === "string") {
    const table = JSON.parse(__BACKPACK_RULE_MATCH_ENDS__) as MatchEndsTable;
    // A table of another rule set (it cannot be, built from the same sources) is not read.
    if (table.ends.length === RULES.length) {
      builtMatchEnds = new Map(RULES.map((rule, i) => {
        const end = table.ends[i];
        return [rule, end ? { boundary: table.boundaries[end[0]] as string, longest: end[1] } : null];
      }));
    }
  }
  return builtMatchEnds;
}

/** Where `rule`'s matches end (literals.ts): from the build's table for a built-in rule (the very object), else read now. */
export function matchEndOf(rule: PatternRule): MatchEnd | undefined {
  const built = builtMatchEndsOf()?.get(rule);
  if (built !== undefined) return built ?? undefined;
  let read = readMatchEnds.get(rule);
  if (read === undefined) readMatchEnds.set(rule, (read = matchEnd(rule.pattern) ?? null));
  return read ?? undefined;
}

/** Match ends read from patterns (no build's table), per rule, as literalsOf keeps literals. */
const readMatchEnds = new WeakMap<PatternRule, MatchEnd | null>();

/** The table scripts/build.mjs writes into the bundle: each built-in rule's match end, as `matchEndOf` reads it. */
export function ruleMatchEndsTable(): MatchEndsTable {
  const boundaries: string[] = [];
  const ends = RULES.map((rule): [number, number] | null => {
    const end = matchEnd(rule.pattern);
    if (!end) return null;
    let at = boundaries.indexOf(end.boundary);
    if (at < 0) at = boundaries.push(end.boundary) - 1;
    return [at, end.longest];
  });
  return { boundaries, ends };
}

/** The table scripts/build.mjs writes into the bundle: each built-in rule's literals, as `literalsOf` reads them. */
export function ruleLiteralsTable(): Record<string, RequiredLiterals | null> {
  const keywords = keywordSet(RULES);
  return Object.fromEntries(RULES.map((rule) => [rule.id, requiredLiterals(rule.pattern, keywords) ?? null]));
}

/** True when windows at `at`, `within` characters long, cover at most half of `text` (WINDOW_COST): fewer calls than one pass. */
function windowsPay(at: ArrayLike<number>, within: number, text: string): boolean {
  return at.length * (within + WINDOW_COST) * 2 <= text.length;
}

/**
 * Where a rule's matches can start on a large text, when that is rarely enough to pay: each match
 * starts at most `within` characters before one of the offsets `at` (in order). Either the offsets
 * of the literals every match holds near its start (literals.ts, `requiredLiterals`), or, when
 * those are absent or too common, the offsets of the characters one of which follows every match
 * (`matchEnd`): on a run of a megabyte without one (`token=token=…`) a rule that reads a value to
 * its end then runs once, at the run's end, not at each of its 160,000 names. Exported for the tests.
 */
export function windowsOf(rule: PatternRule, text: string, hits: LiteralHits): { at: ArrayLike<number>; within: number } | undefined {
  const pays = (at: ArrayLike<number> | null, within: number) => at !== null && windowsPay(at, within, text);
  const required = literalsOf(rule, hits.keywords);
  const hitsAt = required && (!required.ignoreCase || hits.lower.length === text.length) ? hits.ofAny(required.strings, required.ignoreCase) : null;
  if (required && hitsAt && pays(hitsAt, required.within)) return { at: hitsAt, within: required.within };
  const end = matchEndOf(rule);
  const endsAt = end ? hits.endsOf(end.boundary, rule.pattern.flags) : null;
  if (end && endsAt && pays(endsAt, end.longest)) return { at: endsAt, within: end.longest };
  return undefined;
}

/**
 * The matches of `rule` in `text`, in order, exactly as its global pattern finds them. On a large
 * text (`hits` given), a rule is tried only in windows that end at an offset of windowsOf, when it
 * has some: a match starting at s holds a literal or ends before a boundary in [s, s + within], so
 * none starts before the next offset less `within`, and a window tried from there finds the first
 * match at or after its start, if one starts in it. Exported for the tests, which hold it to the
 * global pattern's matches on every rule.
 */
export function* ruleMatches(rule: PatternRule, text: string, hits: LiteralHits | undefined): Generator<RuleMatch> {
  // Before `rule.pattern` runs: V8 compiles a pattern at its first search. On a large text a gate that
  // says where its matches can be (PatternRule.gate.windows) opens the rule's windows there, when they pay.
  const near = hits && rule.gate?.windows ? rule.gate.windows(text) : undefined;
  if (near ? near.at.length === 0 : rule.gate && !rule.gate.test(text)) return;
  const re = rule.pattern;
  const windows = near && windowsPay(near.at, near.within, text) ? near : hits && windowsOf(rule, text, hits);
  if (!windows) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      yield { index: m.index, text: m[0], groups: m.groups ?? {} };
    }
    return;
  }
  const { at: hitsAt, within } = windows;
  const wrapped = windowPattern(re, within);
  let next = 0;
  let pos = 0;
  for (;;) {
    // The first occurrence of one of the literals at or after `pos`.
    while (next < hitsAt.length && (hitsAt[next] as number) < pos) next++;
    if (next === hitsAt.length) return;
    const start = Math.max(pos, (hitsAt[next] as number) - within);
    wrapped.lastIndex = start;
    const m = wrapped.exec(text);
    if (!m) {
      pos = start + within + 1;
      continue;
    }
    const skipped = (m[1] as string).length;
    const match = m[0].slice(skipped);
    yield { index: start + skipped, text: match, groups: m.groups ?? {} };
    pos = start + skipped + Math.max(match.length, 1);
  }
}

/** How many judgements of one rule on one text are remembered. */
const MAX_VERDICTS = 4096;

/** True when two matches of one pattern captured the same groups (one pattern: the same `names`, read once). */
function sameGroups(a: MatchGroups, b: MatchGroups, names: readonly string[]): boolean {
  for (const name of names) if (a[name] !== b[name]) return false;
  return true;
}

/** Runs one rule over `text`, judging up to `limit` candidates; returns how many matches were left unexamined. */
function runRule(rule: PatternRule, priority: number, text: string, file: string, out: Candidate[], work: ScanWork, counts: Counts, limit: number, hits: LiteralHits | undefined): number {
  if (rule.skipsFile?.(file)) return 0;
  let judged = 0;
  let unexamined = 0;
  // A judgement (the value's plausibility, then the rule's own) is a pure function of the match's
  // groups and the file: a text that repeats one match (`mixpanel token = ` a hundred thousand times)
  // has it judged once. Keyed by the match's text, its groups compared on a hit (a lookbehind's group
  // may differ): serialising every match's groups was a fifth of such a scan. Bounded, so memory
  // stays small.
  const verdicts = new Map<string, { groups: MatchGroups; valid: boolean }>();
  let names: string[] | undefined;
  for (const m of ruleMatches(rule, text, hits)) {
    // A match on lines the change does not add is not judged at all: a one-line change to a
    // file full of old findings costs the matching, not the judging (its span holds the secret's).
    if (!counts(m.index, m.index + m.text.length)) continue;
    if (judged >= limit) {
      unexamined++;
      continue;
    }
    const groups = m.groups;
    // A rule with two shapes names the second one's secret `secret2` (a group name may appear once).
    const secret = groups.secret ?? groups.secret2 ?? m.text;
    // The judgements below read the match a bounded number of times.
    work.steps += m.text.length + 1;
    const seen = verdicts.get(m.text);
    let valid: boolean;
    if (seen && sameGroups(seen.groups, groups, (names ??= Object.keys(groups)))) valid = seen.valid;
    else {
      valid = isPlausibleSecret(secret, rule.minEntropy ?? 0) && (!rule.validate || rule.validate(secret, groups, file));
      if (verdicts.size < MAX_VERDICTS) verdicts.set(m.text, { groups, valid });
    }
    if (!valid) continue;
    // Read here, after a match, not before the rule's gate: the git parts build a pattern on its first read.
    const span = secretSpan(rule.pattern, m.index, text);
    if (span) {
      out.push({ start: span[0], end: span[1], rule: rule.id, value: secret, priority, envName: rule.envName, variable: rule.namesVariable ? variableName(groups) : undefined });
      judged++;
    }
  }
  return unexamined;
}

/** The rules that judge a value by the name before it, whose judgement a record's own name may overrule. */
const SLOT_JUDGED_RULES: ReadonlySet<string> = new Set(["generic-secret", "generic-secret-punctuated", "setter-secret-call", "name-near-literal"]);

/**
 * Drops, in place, the generic rules' candidates in a record's secret slot whose record is named apart as another
 * thing (rules.ts, isOverruledByRecordName): each costs a bounded read of the text before it.
 */
function dropOverruledSlots(candidates: Candidate[], text: string, work: ScanWork): void {
  let kept = 0;
  for (const c of candidates) {
    if (SLOT_JUDGED_RULES.has(c.rule)) {
      work.steps += RECORD_WINDOW;
      if (isOverruledByRecordName(text, c.start)) continue;
    }
    candidates[kept++] = c;
  }
  candidates.length = kept;
}

/** Below this size, native `includes` (no setup) is the fastest way to find the keywords. */
const LARGE_TEXT = 64 * 1024;

/** Every keyword of a rule set, once. */
const keywordLists = new WeakMap<readonly PatternRule[], string[]>();
const keywordSets = new WeakMap<readonly PatternRule[], ReadonlySet<string>>();

/** The keywords of a rule set as a set. */
function keywordSet(rules: readonly PatternRule[]): ReadonlySet<string> {
  let set = keywordSets.get(rules);
  if (!set) keywordSets.set(rules, (set = new Set(rules.flatMap((r) => r.keywords))));
  return set;
}

/**
 * A rule set's keywords grouped by their first two characters (the whole keyword when shorter).
 * A keyword occurs only where its first two characters do, and most of the 237 pairs of the 544
 * keywords are absent from a source file (220 of them in the hook's bench file): one `includes`
 * per pair, then one per keyword of the pairs present, is about 270 calls instead of 544.
 */
const keywordPairs = new WeakMap<readonly PatternRule[], Array<[pair: string, keywords: string[]]>>();

declare const __BACKPACK_KEYWORD_PAIRS__: string | undefined;

/** Every keyword of a rule set, once, in the rules' order. */
function keywordListOf(rules: readonly PatternRule[]): string[] {
  let all = keywordLists.get(rules);
  if (!all) keywordLists.set(rules, (all = [...new Set(rules.flatMap((r) => r.keywords))]));
  return all;
}

function pairsOf(rules: readonly PatternRule[]): Array<[string, string[]]> {
  let pairs = keywordPairs.get(rules);
  if (pairs) return pairs;
  // The built-in rules' pairs come with the bundle (scripts/build.mjs, keywordPairsTable): grouping
  // their 640 keywords was about half a millisecond of every hook run.
  if (rules === RULES && typeof __BACKPACK_KEYWORD_PAIRS__ === "string") {
    pairs = JSON.parse(__BACKPACK_KEYWORD_PAIRS__) as Array<[string, string[]]>;
  } else {
    pairs = groupByPair(keywordListOf(rules));
  }
  keywordPairs.set(rules, pairs);
  return pairs;
}

/** The table scripts/build.mjs writes into the bundle: the built-in rules' keywords under their first two characters, as `pairsOf` groups them. */
export function keywordPairsTable(): Array<[string, string[]]> {
  return groupByPair(keywordListOf(RULES));
}

/** Keywords grouped under their first two characters, in order of first appearance. */
function groupByPair(keywords: readonly string[]): Array<[string, string[]]> {
  const byPair = new Map<string, string[]>();
  for (const keyword of keywords) {
    const pair = keyword.slice(0, 2);
    const list = byPair.get(pair);
    if (list) list.push(keyword);
    else byPair.set(pair, [keyword]);
  }
  return [...byPair];
}

/**
 * The rules' keywords indexed by their first three characters (ASCII), so that one pass over a
 * large text finds every keyword in it. A regex of all keywords not found yet, rebuilt after each
 * find, did the same while the rules had 220 keywords; at 540 each step tries every one of them at
 * every position (10 MB of source: 550 ms of the scan's 1,160). Built at the first large text.
 */
interface KeywordIndex {
  /** Keywords shorter than three characters or not ASCII at the start: one `includes` each. */
  short: string[];
  /**
   * For the three characters `(a * 128 + b) * 128 + c`, 0 when no keyword starts with them, else their
   * group's number plus one: one read per position, and no Map's lookup where a keyword may start.
   */
  gate: Uint16Array;
  /** Each group's keywords (their places in `words`): `members` from `groupStart[g]` to `groupStart[g + 1]`. */
  groupStart: number[];
  members: number[];
  /** The keywords indexed by trigram, each once, and the character code each has fourth (-1: it has three). */
  words: string[];
  fourth: number[];
  /** The character code each has last, and its length less one (compared before the whole keyword, as `fourth` is). */
  last: number[];
  lastAt: number[];
}

const keywordIndexes = new WeakMap<readonly PatternRule[], KeywordIndex>();

const isAsciiCode = (code: number): boolean => code < 128;

function keywordIndex(rules: readonly PatternRule[], all: readonly string[]): KeywordIndex {
  let index = keywordIndexes.get(rules);
  if (index) return index;
  const short: string[] = [];
  const words: string[] = [];
  const byTrigram = new Map<number, number[]>();
  for (const keyword of all) {
    const [a, b, c] = [keyword.charCodeAt(0), keyword.charCodeAt(1), keyword.charCodeAt(2)];
    if (keyword.length < 3 || !isAsciiCode(a) || !isAsciiCode(b) || !isAsciiCode(c)) {
      short.push(keyword);
      continue;
    }
    const trigram = (a * 128 + b) * 128 + c;
    const k = words.push(keyword) - 1;
    const list = byTrigram.get(trigram);
    if (list) list.push(k);
    else byTrigram.set(trigram, [k]);
  }
  const gate = new Uint16Array(128 * 128 * 128);
  const groupStart: number[] = [];
  const members: number[] = [];
  for (const [trigram, list] of byTrigram) {
    groupStart.push(members.length);
    gate[trigram] = groupStart.length;
    members.push(...list);
  }
  groupStart.push(members.length);
  index = {
    short,
    gate,
    groupStart,
    members,
    words,
    fourth: words.map((word) => (word.length > 3 ? word.charCodeAt(3) : -1)),
    last: words.map((word) => word.charCodeAt(word.length - 1)),
    lastAt: words.map((word) => word.length - 1),
  };
  keywordIndexes.set(rules, index);
  return index;
}

/**
 * The rules' keywords that occur in `lower`. A small text: native `includes`, a keyword's only
 * where its first two characters occur (pairsOf). A large text is read once: at each position one byte says whether any keyword starts with its
 * three characters, and only then are those compared there, so the work is linear in the text
 * for a fixed set of keywords.
 */
function keywordsIn(lower: string, rules: readonly PatternRule[], offsets?: Map<string, number[] | null>): Set<string> {
  if (lower.length < LARGE_TEXT) {
    const found = new Set<string>();
    for (const [pair, keywords] of pairsOf(rules)) {
      if (!lower.includes(pair)) continue;
      for (const keyword of keywords) if (keyword.length === pair.length || lower.includes(keyword)) found.add(keyword);
    }
    return found;
  }
  const { short, gate, groupStart, members, words, fourth, last, lastAt } = keywordIndex(rules, keywordListOf(rules));
  const found = new Set(short.filter((keyword) => lower.includes(keyword)));
  const most = lower.length / DENSE_HITS;
  // Each keyword's occurrences so far by its place in `words` (undefined: none yet; null: too common),
  // written into `offsets` at the end. A keyword's fourth and last characters are compared before the
  // keyword: on a run that repeats one (`apikeyapikey…`) or its start (`aaaa…`) its trigram's other
  // keywords fail there, without a call.
  const lists: Array<number[] | null | undefined> = new Array<number[] | null | undefined>(words.length).fill(undefined);
  // Each group's keywords still compared (not found, or with offsets not yet too common): a group with
  // none left is passed over at one read, however often its trigram occurs (`secretsecret…`).
  const open = new Uint16Array(groupStart.length);
  for (let g = 0; g + 1 < groupStart.length; g++) open[g] = (groupStart[g + 1] as number) - (groupStart[g] as number);
  // One character read per position: the trigram ending at `i` is the last one's two and this one.
  let a = lower.charCodeAt(0);
  let b = lower.charCodeAt(1);
  for (let i = 2; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    // A character past ASCII would index outside the gate: no keyword starts there.
    const group = isAsciiCode(a | b | c) ? (gate[(a * 128 + b) * 128 + c] as number) : 0;
    if (group !== 0 && open[group - 1] !== 0) {
      const next = lower.charCodeAt(i + 1);
      for (let m = groupStart[group - 1] as number, end = groupStart[group] as number; m < end; m++) {
        const k = members[m] as number;
        const d = fourth[k] as number;
        if ((d !== -1 && d !== next) || lower.charCodeAt(i - 2 + (lastAt[k] as number)) !== last[k]) continue;
        const keyword = words[k] as string;
        if (!offsets) {
          if (!found.has(keyword) && lower.startsWith(keyword, i - 2)) {
            found.add(keyword);
            (open[group - 1] as number)--;
          }
          continue;
        }
        // Every occurrence, for the rules that run near their literals (LiteralHits), up to DENSE_HITS;
        // past that the keyword is found and too common to window: it is not compared again.
        const list = lists[k];
        if (list === null || !lower.startsWith(keyword, i - 2)) continue;
        if (list === undefined) {
          lists[k] = [i - 2];
          found.add(keyword);
        } else if (list.push(i - 2) > most) {
          lists[k] = null;
          (open[group - 1] as number)--;
        }
      }
    }
    a = b;
    b = c;
  }
  if (offsets) for (let k = 0; k < words.length; k++) if (lists[k] !== undefined) offsets.set(words[k] as string, lists[k] as number[] | null);
  return found;
}

/** For a rule set: the rules each keyword selects, and the rules with no keywords (they always run), by index. */
interface RuleSelection {
  byKeyword: Map<string, number[]>;
  always: number[];
}

const ruleSelections = new WeakMap<readonly PatternRule[], RuleSelection>();

/**
 * The indices of the rules to run on a text whose keywords are `present` (a rule runs when it has
 * none, or one of its keywords is present), in the rules' order. From the few keywords present
 * rather than by asking each of the rules about each of its keywords: about 640 lookups (and as
 * many calls of a closure, in a process too young for V8 to have compiled them) per file before.
 */
export function rulesToRun(rules: readonly PatternRule[], present: ReadonlySet<string>): number[] {
  let selection = ruleSelections.get(rules);
  if (!selection) {
    selection = { byKeyword: new Map(), always: [] };
    for (let i = 0; i < rules.length; i++) {
      const keywords = (rules[i] as PatternRule).keywords;
      if (keywords.length === 0) selection.always.push(i);
      for (const keyword of keywords) {
        const list = selection.byKeyword.get(keyword);
        if (list === undefined) selection.byKeyword.set(keyword, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    ruleSelections.set(rules, selection);
  }
  const chosen = new Uint8Array(rules.length);
  for (const i of selection.always) chosen[i] = 1;
  for (const keyword of present) for (const i of selection.byKeyword.get(keyword) ?? []) chosen[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < chosen.length; i++) if (chosen[i] === 1) out.push(i);
  return out;
}

/**
 * The keywords of `rules` present in `text`, and on a large text (LARGE_TEXT) where the literals
 * are, for the rules to run near them (ruleMatches); a small text is read whole by every rule. The
 * keyword pass records where the keywords are: most literals are keywords. Exported for the tests.
 */
export function keywordPass(text: string, rules: readonly PatternRule[]): { present: Set<string>; hits: LiteralHits | undefined } {
  const lower = text.toLowerCase();
  const offsets = text.length >= LARGE_TEXT ? new Map<string, number[] | null>() : undefined;
  const present = keywordsIn(lower, rules, offsets);
  return { present, hits: offsets ? new LiteralHits(text, lower, keywordSet(rules), present, offsets) : undefined };
}

/**
 * Keeps, of overlapping candidates, the one with the best (lowest) priority.
 * Rule by rule, best first: a rule's own matches never overlap one another, so
 * each rule's sorted list is merged into the kept (sorted, disjoint) list in
 * one pass. Linear in the candidates for a fixed number of rules, where
 * comparing every pair was quadratic in a file with thousands of findings.
 */
function dropOverlaps(candidates: Candidate[], work: ScanWork): Candidate[] {
  const byPriority = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const list = byPriority.get(c.priority);
    if (list) list.push(c);
    else byPriority.set(c.priority, [c]);
  }
  let kept: Candidate[] = [];
  for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
    const incoming = (byPriority.get(priority) as Candidate[]).sort((a, b) => a.start - b.start);
    const merged: Candidate[] = [];
    let k = 0;
    let lastKeptEnd = -1; // end of the last kept candidate before the current one
    for (const c of incoming) {
      while (k < kept.length && (kept[k] as Candidate).end <= c.start) {
        work.steps++;
        lastKeptEnd = (kept[k] as Candidate).end;
        merged.push(kept[k++] as Candidate);
      }
      work.steps++;
      const next = kept[k];
      const prevMerged = merged[merged.length - 1];
      const overlapsKept = (next !== undefined && next.start < c.end) || lastKeptEnd > c.start;
      const overlapsNew = prevMerged !== undefined && prevMerged.priority === priority && prevMerged.end > c.start;
      if (!overlapsKept && !overlapsNew) merged.push(c);
    }
    while (k < kept.length) merged.push(kept[k++] as Candidate);
    kept = merged;
  }
  return kept;
}

/** A full line of uuencoded data: `M` (45 bytes) and 60 characters of its alphabet, which has no lowercase letter. */
const UUENCODED_LINE = /^M[\x20-\x60]{60}$/;

/**
 * True when a 1-based line is uuencoded data (an e-mail's or an old patch's attachment): the line and one beside it are
 * full uuencoded lines, and it holds punctuation no assignment of uppercase names uses. What a rule reads there (`PW:`
 * and the characters after it) is data, not a name and its value.
 */
function isUuencodedLine(at: LineIndex, line: number): boolean {
  // A line is read only when it is 61 characters long: a finding's cost stays bounded on a long line.
  const full = (n: number) => n >= 1 && at.lineStart(n + 1) - at.lineStart(n) - 1 === 61 && UUENCODED_LINE.test(at.lineText(n));
  return full(line) && /[^A-Z0-9_=:. -]/.test(at.lineText(line)) && (full(line - 1) || full(line + 1));
}

/** A count of the work a scan does outside the regular expressions' own matching (see `scanWork`). */
interface ScanWork {
  steps: number;
}

/** A terminal's colour code (SGR: ESC, `[`, numbers, `m`); built from a string, as a regex literal may not hold ESC. */
const COLOUR_CODE = new RegExp(String.raw`\u001b\[[0-9;]{0,16}m`, "g");

/**
 * The text with its terminal colour codes (`ESC[94m`, `ESC[0m`: a coloured log or a CI job's output committed) blanked
 * to spaces, so that a token printed in colour starts a word as it does on the screen; offsets, lines and columns stay.
 */
function withoutColourCodes(text: string): string {
  return text.includes("\u001b[") ? text.replace(COLOUR_CODE, (code) => " ".repeat(code.length)) : text;
}

/** A quote written as an HTML or XML character reference (`&quot;`, `&#34;`, `&#39;`, `&apos;`). */
const QUOTE_ENTITY = /&(?:quot|apos|#3[49]);/g;
const HAS_QUOTE_ENTITY = /&(?:quot|apos|#3[49]);/;

/** Markup and its templates, where a quote may be written as a character reference (by extension). */
const MARKUP_FILE = /\.(?:html?|xhtml|xml|svg|jsp|aspx?|cshtml|razor|vue|svelte|php|erb|hbs|ejs|twig|j2|jinja2?|md|markdown)$/i;

/**
 * The text of a markup file with its quotes written as character references (an HTML attribute holding a quoted value:
 * `href="…?token=&quot;…&quot;"`, `placeholder="password: &quot;…&quot;"`) turned into blanks and the quote, the
 * quote last, so that the value after one starts a quoted value and the one before one ends at a blank; offsets, lines
 * and columns stay. Other files are not searched for them (code holds `&` often: a search costs 2 ms a megabyte).
 */
function withoutQuoteEntities(text: string, path: string): string {
  if (!MARKUP_FILE.test(path)) return text;
  return HAS_QUOTE_ENTITY.test(text) ? text.replace(QUOTE_ENTITY, (entity) => `${" ".repeat(entity.length - 1)}${entity === "&quot;" || entity === "&#34;" ? '"' : "'"}`) : text;
}

/** Finds the secrets in one text. */
export function scanText(target: ScanTarget, options: ScanOptions = {}): Finding[] {
  const allow = options.allow ?? ALLOW_NOTHING;
  // A path the allow-list skips is still searched for the user's own values (allow.ts: the guards).
  const skipped = allow.paths.length > 0 && pathMatcher(allow.paths)(target.path);
  if (skipped && (options.known ?? NO_KNOWN_SECRETS) === NO_KNOWN_SECRETS) return [];
  const rules = skipped ? [] : (options.rules ?? RULES);
  const work = options.work ?? { steps: 0 };
  const text = withoutQuoteEntities(withoutColourCodes(target.text), target.path);
  const candidates: Candidate[] = [];

  for (const hit of findKnownSecrets(text, options.known ?? NO_KNOWN_SECRETS)) {
    candidates.push({ start: hit.start, end: hit.end, rule: KNOWN_SECRET.id, value: hit.needle.value, priority: -1, envName: KNOWN_SECRET.envName });
  }
  // The line index is built once per text, before the rules when only some lines count.
  let index: LineIndex | undefined;
  const lineIndex = () => (index ??= new LineIndex(text, work));
  const { lines } = target;
  const counts: Counts = lines ? (start, end) => rangeTouches(lines, lineIndex().position(start).line, lineIndex().position(Math.max(start, end - 1)).line) : () => true;
  const limit = options.limit ?? FINDING_LIMIT;
  let unexamined = 0;
  const { present, hits } = keywordPass(text, rules);
  for (const i of rulesToRun(rules, present)) unexamined += runRule(rules[i] as PatternRule, i, text, target.path, candidates, work, counts, limit, hits);
  // A multi-line string's or a heredoc's body in source code is text (an INI default, a script's `export NAME=…`):
  // read again as a file of no code's kind (`NAME.text`), where a value needs no quotes (embedded-text.ts). The bodies
  // are joined into one text (a line holding only NUL between two), scanned once, and each candidate put back in its
  // body's place; one that runs from one body into the next is dropped.
  if (!skipped && rules.length > 0 && isCodeFile(target.path)) {
    const spans = embeddedTextSpans(text, target.path);
    if (spans.length > 0) unexamined += scanEmbeddedText(text, spans, rules, `${target.path}.text`, candidates, work, counts, limit);
  }
  dropOverruledSlots(candidates, text, work);
  const envKind = skipped ? undefined : dotenvKind(target.path);
  if (envKind === "local" || envKind === "shared") {
    for (const v of dotenvValues(text, envKind === "shared")) {
      candidates.push({ start: v.start, end: v.end, rule: DOTENV_VALUE.id, value: text.slice(v.start, v.end), priority: rules.length, envName: envNameOf(v.name) });
    }
  }
  // The readers' values, after the rules (which name a finding better where they also match), each reader its own priority.
  const addValues = <V extends { start: number; end: number }>(values: Iterable<V>, rule: { id: string }, order: number, envName: (v: V) => string): void => {
    for (const v of values) {
      work.steps += v.end - v.start + 1;
      candidates.push({ start: v.start, end: v.end, rule: rule.id, value: text.slice(v.start, v.end), priority: rules.length + order, envName: envName(v) });
    }
  };
  // A Kubernetes Secret's values.
  if (!skipped && isKubeSecretFile(target.path, text)) addValues(kubeSecretValues(text), KUBE_SECRET_VALUE, 1, (v) => envNameOf(v.name));
  // A CSV export's password column (a browser's, a password manager's).
  if (!skipped && isCsvFile(target.path)) addValues(csvSecretValues(text), CSV_PASSWORD_VALUE, 2, () => CSV_PASSWORD_VALUE.envName);
  // A SQL file's INSERT rows: a value in a column named for a secret.
  if (!skipped && isSqlFile(target.path) && /insert/i.test(text)) addValues(sqlSecretValues(text, target.path), SQL_INSERT_VALUE, 3, (v) => envNameOf(v.name));
  // A credential file named by its path (a token file, OpenVPN's auth-user-pass): its one value.
  if (!skipped && isCredentialFile(target.path)) addValues(credentialFileValues(target.path, text), CREDENTIAL_FILE_VALUE, 4, (v) => v.name);
  if (candidates.length === 0 && unexamined === 0) return [];

  const allowedRules = new Set(allow.rules);
  const allowedPrints = new Set(allow.fingerprints);
  const findings: Finding[] = [];
  // Candidates come out of dropOverlaps in text order: the line index's cursor only moves forward.
  // Each finding costs a bounded amount of work from here on (steps counted for the linear-time tests).
  for (const c of dropOverlaps(candidates, work)) {
    const guard = c.rule === KNOWN_SECRET.id;
    if (!guard && allowedRules.has(c.rule)) continue;
    const at = lineIndex();
    const { line, column } = at.position(c.start);
    const endLine = at.position(Math.max(c.start, c.end - 1)).line;
    if (lines && !rangeTouches(lines, line, endLine)) continue;
    const fingerprint = fingerprintOf(c.value);
    if (guard) {
      if (guardAllows(allow, c.rule, target.path, fingerprint)) continue;
    } else {
      if (isAllowedInline(at, line, endLine, c.rule)) continue;
      if (allowedPrints.has(fingerprint) || allow.baseline?.has(baselineKey(target.path, fingerprint))) continue;
      if (isUuencodedLine(at, line)) continue;
    }
    const before = text.slice(Math.max(at.lineStart(line), c.start - NAME_WINDOW - 1), c.start);
    work.steps += before.length + (c.end - c.start) + 1;
    findings.push({
      file: target.path,
      line,
      column,
      rule: c.rule,
      preview: maskSecret(text.slice(c.start, c.end)),
      fingerprint,
      name: c.variable ?? assignedName(before) ?? c.envName,
      ...(target.commit ? { commit: target.commit } : {}),
    });
  }
  // Every judged candidate was allowed (or dropped): the ones past the limit may hold what blocks.
  if (unexamined > 0 && findings.length === 0) return scanText(target, { ...options, limit: Infinity });
  if (options.stats) options.stats.unexamined = unexamined;
  return findings;
}

/** Between two bodies joined for one scan: a line of its own that no rule's value or name spans. */
const BODY_SEPARATOR = "\n\u0000\n";

/** Scans the bodies of `spans` (embedded-text.ts) joined as one text under `path`, and adds their candidates in place. */
function scanEmbeddedText(text: string, spans: readonly TextSpan[], rules: readonly PatternRule[], path: string, out: Candidate[], work: ScanWork, counts: Counts, limit: number): number {
  const starts: number[] = [];
  let length = 0;
  for (const span of spans) {
    starts.push(length);
    length += span.end - span.start + BODY_SEPARATOR.length;
  }
  const joined = spans.map((span) => text.slice(span.start, span.end)).join(BODY_SEPARATOR);
  work.steps += joined.length + spans.length;
  // The body an offset of the joined text is in (its index), by a binary search over the bodies' starts.
  const bodyOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      work.steps++;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const place = (offset: number, body: number): number => (spans[body] as TextSpan).start + offset - (starts[body] as number);
  const placedCounts: Counts = (start, end) => {
    const body = bodyOf(start);
    return counts(place(start, body), place(Math.max(start, end - 1), body) + 1);
  };
  const found: Candidate[] = [];
  const { present, hits } = keywordPass(joined, rules);
  let unexamined = 0;
  for (const i of rulesToRun(rules, present)) unexamined += runRule(rules[i] as PatternRule, i, joined, path, found, work, placedCounts, limit, hits);
  for (const c of found) {
    const body = bodyOf(c.start);
    const start = place(c.start, body);
    const end = place(c.end, body);
    if (end > (spans[body] as TextSpan).end) continue;
    out.push({ ...c, start, end });
  }
  return unexamined;
}

/**
 * The work a scan of `text` does outside the regular expressions' own
 * matching (whose steps test/helpers/regex-steps.ts counts): characters of
 * the matches judged, candidates compared when overlaps are removed, and for
 * each finding the lines walked, the line read for an allow marker, and the
 * characters read for its name, preview and fingerprint. `limit` as in ScanOptions.
 */
export function scanWork(text: string, path = "adversarial.txt", limit?: number): { steps: number; findings: number } {
  const work = { steps: 0 };
  const findings = scanText({ path, text }, { work, ...(limit !== undefined ? { limit } : {}) }).length;
  return { steps: work.steps, findings };
}

function rangeTouches(lines: ReadonlySet<number>, first: number, last: number): boolean {
  for (let n = first; n <= last; n++) if (lines.has(n)) return true;
  return false;
}

function isAllowedInline(index: LineIndex, first: number, last: number, rule: string): boolean {
  const allows = (marker: "all" | string[] | undefined) => marker === "all" || (Array.isArray(marker) && marker.includes(rule));
  if (allows(index.marker(first, false)) || (last !== first && allows(index.marker(last, false)))) return true;
  return first > 1 && allows(index.marker(first - 1, true));
}

/**
 * The finding for a staged agent.lock that is not in stored form (`what` says
 * what it is instead), unless the guards' allow-list (the user's own, or a
 * trusted repository's: allow.ts) covers its path, the rule or its fingerprint.
 */
export function agentLockFinding(path: string, what: string, allow: AllowList = ALLOW_NOTHING, commit?: string): Finding | undefined {
  if (guardAllows(allow, AGENT_LOCK_PLAINTEXT.id, path, fingerprintOf(`agent.lock:${path}`))) return undefined;
  return {
    file: path,
    line: 1,
    column: 1,
    rule: AGENT_LOCK_PLAINTEXT.id,
    preview: what,
    fingerprint: fingerprintOf(`agent.lock:${path}`),
    name: AGENT_LOCK_PLAINTEXT.envName,
    ...(commit ? { commit } : {}),
  };
}

/**
 * The finding for an agent.lock staged in an older format than HEAD holds at
 * its path (format 3 to 2 or 1.0). A guard, like a plaintext agent.lock: only
 * the user's own allow-list silences it, never a repository's.
 */
export function downgradeFinding(path: string, what: string, allow: AllowList = ALLOW_NOTHING): Finding | undefined {
  const fingerprint = fingerprintOf(`agent.lock-downgrade:${path}`);
  if (guardAllows(allow, AGENT_LOCK_DOWNGRADE.id, path, fingerprint)) return undefined;
  return { file: path, line: 1, column: 1, rule: AGENT_LOCK_DOWNGRADE.id, preview: what, fingerprint, name: AGENT_LOCK_DOWNGRADE.envName };
}
