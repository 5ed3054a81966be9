/**
 * The literal a rule's every match must hold, read from the rule's own regular expression, so that
 * on a large text the rule runs only near that literal's occurrences (scanner.ts, `ruleMatches`).
 * V8's engine skips ahead over a text only for a pattern that starts with a plain literal; a rule
 * that starts with an alternation (`secret|token|pass…`) or a character class is tried at every
 * position, a few nanoseconds each: most of a large scan. Native `indexOf` finds a literal far faster.
 *
 * `requiredLiterals(re)` returns strings and a bound `within`: every match of `re` (starting at s)
 * holds one of the strings at a position in [s, s + within]. It is computed from the pattern's syntax
 * and is sound by construction: an alternation requires one literal of each alternative, a sequence
 * the literal of one of its parts (after parts whose longest match is bounded), a quantifier with a
 * minimum of one its body's literal; lookarounds, classes and backreferences require nothing. For a
 * pattern it cannot read, whose literals would be too common to pay, or that starts with one of a few
 * characters (the engine's own quick check skips the rest), it returns undefined and the rule runs as
 * before. Pure.
 */

/** What the rule's matches must hold: one of `strings` (lowercase when `ignoreCase`) at most `within` characters after the match's start. */
export interface RequiredLiterals {
  strings: readonly string[];
  within: number;
  ignoreCase: boolean;
}

/** What one piece of a pattern matches. */
interface Info {
  /** Shortest and longest match (Infinity: unbounded). */
  min: number;
  max: number;
  /** Every string it can match, when few (at most EXACT_LIMIT); null otherwise. */
  exact: string[] | null;
  /** Strings one of which every match holds, starting at most `within` after the piece's start; null: none known. */
  lits: Lits | null;
  /** The characters a match can start with (both cases of a letter when ignoring case); null: too many to list. */
  first: string[] | null;
}

/** Strings one of which a match holds, starting at most `within` characters after its start. */
interface Lits {
  strings: string[];
  within: number;
}

const EXACT_LIMIT = 24;
const EXACT_LENGTH = 40;
/** A literal further from the match's start than this makes a window as long as a line: not worth it. */
const MAX_WITHIN = 300;
/** Above this cost (`costOf`) a literal set is as common as the text itself and runs no faster. */
const MAX_COST = 16;
/**
 * A pattern that can start with fewer characters than this (`xox…`, `[MNO]…`) is quick for the engine
 * to skip through on its own: a literal search would cost more than it saves.
 */
const WIDE_START = 4;
/** Sets of more strings than this are left as they are (a vendor list of hundreds is too common anyway). */
const COVER_LIMIT = 96;
/** An alternation of more literals than this (a list of vendors' names) has none worth searching for. */
const UNION_LIMIT = 400;

const ANY: Info = { min: 1, max: 1, exact: null, lits: null, first: null };
const EMPTY: Info = { min: 0, max: 0, exact: [""], lits: null, first: [] };
/** A lookaround or an anchor: it consumes nothing, and before the first character it is tested at every position. */
const ASSERTION: Info = { ...EMPTY, first: null };

const union = (a: string[] | null, b: string[] | null): string[] | null => (a && b ? unique([...a, ...b]) : null);

class Unsupported extends Error {}

const unique = (strings: string[]): string[] => [...new Set(strings)];

function cross(a: readonly string[], b: readonly string[]): string[] | null {
  if (a.length * b.length > EXACT_LIMIT) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out.some((s) => s.length > EXACT_LENGTH) ? null : unique(out);
}

/** What one literal costs (`costOf`). */
const weight = (literal: string): number => {
  const { length } = literal;
  const common = length >= 4 ? 1 : length === 3 ? 2 : length === 2 ? 8 : 50;
  return known.has(literal.toLowerCase()) ? common * KNOWN_WEIGHT : common;
};

/**
 * The rules' keywords: the scanner knows already whether each is in the text (one pass for them
 * all), so a literal that is one costs a search only in the texts that hold it.
 */
let known: ReadonlySet<string> = new Set();
const KNOWN_WEIGHT = 0.05;

/**
 * What finding a set of literals costs, roughly in passes over the text: a short literal is
 * common in source code and opens a window at many places; a long one is rare.
 */
function costOf(strings: readonly string[]): number {
  let cost = 0;
  for (const s of strings) cost += weight(s);
  return cost;
}

/**
 * Fewer, shared literals for a set: greedily, the substring (3 to 6 characters, or a whole string)
 * held by the most strings not yet covered, for its weight (`api_key`, `access_key`, `app_key`: `key`).
 * An occurrence of a string holds its substring a few characters further on, which `within` allows.
 */
function covered(lits: Lits): Lits {
  const { strings } = lits;
  if (strings.length <= 1 || strings.length > COVER_LIMIT) return lits;
  const key = `${lits.within}\0${strings.join("\0")}`;
  const known = covers.get(key);
  if (known) return known;
  const cover = coverOf(lits);
  covers.set(key, cover);
  return cover;
}

/** Covers computed (a rule set repeats its names' alternations in many rules). */
const covers = new Map<string, Lits>();

function coverOf(lits: Lits): Lits {
  const { strings } = lits;
  // Each candidate with the strings that hold it, listed once: the greedy rounds below only count.
  const holders = new Map<string, number[]>();
  const add = (candidate: string, k: number) => {
    const list = holders.get(candidate);
    if (!list) holders.set(candidate, [k]);
    else if (list[list.length - 1] !== k) list.push(k);
  };
  strings.forEach((s, k) => add(s, k));
  strings.forEach((s, k) => {
    for (let n = 3; n <= 6; n++) for (let i = 0; i + n <= s.length; i++) add(s.slice(i, i + n), k);
  });
  // A whole string holds itself, and any string equal to it or containing it as a whole.
  for (const [candidate, list] of holders) {
    if (candidate.length >= 3 && candidate.length <= 6) continue;
    strings.forEach((s, k) => {
      if (s !== candidate && s.includes(candidate) && !list.includes(k)) list.push(k);
    });
  }
  const done = new Array<boolean>(strings.length).fill(false);
  const chosen: string[] = [];
  let within = lits.within;
  for (let left = strings.length; left > 0; ) {
    let best = "";
    let bestHolders: number[] = [];
    let bestScore = -1;
    for (const [candidate, list] of holders) {
      let held = 0;
      for (const k of list) if (!done[k]) held++;
      const score = held / weight(candidate);
      if (score > bestScore || (score === bestScore && candidate.length > best.length)) [best, bestHolders, bestScore] = [candidate, list, score];
    }
    for (const k of bestHolders) {
      if (done[k]) continue;
      done[k] = true;
      left--;
      within = Math.max(within, lits.within + (strings[k] as string).indexOf(best));
    }
    chosen.push(best);
  }
  return costOf(chosen) < costOf(strings) ? { strings: chosen, within } : lits;
}

/**
 * What searching with a literal set costs: its literals' weight, and the windows they open (a rule
 * is tried at every position of a window as long as `within`). Infinity past MAX_WITHIN.
 */
const scoreOf = (lits: Lits): number => (lits.within > MAX_WITHIN ? Infinity : costOf(lits.strings) * (1 + lits.within / 64));

/** The cheaper of two literal sets (null: none); of two as cheap, the one with longer literals, then the nearer. */
function cheaper(a: Lits | null, b: Lits | null): Lits | null {
  if (!a || scoreOf(a) === Infinity) return b && scoreOf(b) < Infinity ? b : null;
  if (!b || scoreOf(b) === Infinity) return a;
  const ca = scoreOf(a);
  const cb = scoreOf(b);
  if (ca !== cb) return ca < cb ? a : b;
  const la = Math.min(...a.strings.map((s) => s.length));
  const lb = Math.min(...b.strings.map((s) => s.length));
  if (la !== lb) return la > lb ? a : b;
  return a.within <= b.within ? a : b;
}

/** An exact set as a literal set: only when the empty string is not in it (every match holds one). */
const exactAsLits = (exact: string[] | null): Lits | null => (exact && exact.length > 0 && !exact.includes("") ? { strings: exact, within: 0 } : null);

function sequence(items: Info[]): Info {
  let min = 0;
  let max = 0;
  let exact: string[] | null = [""];
  let best: Lits | null = null;
  // A run of consecutive exactly-known items, joined: `t`,`o`,`k`,`e`,`n` make "token".
  let run: string[] | null = null;
  let runStart = 0;
  let first: string[] | null = [];
  let started = false;
  for (const item of items) {
    if (!started) {
      first = union(first, item.first);
      started = item.min > 0;
    }
    if (item.lits && Number.isFinite(max)) best = cheaper(best, { strings: item.lits.strings, within: max + item.lits.within });
    if (item.exact) {
      if (run === null) {
        run = [""];
        runStart = max;
      }
      run = cross(run, item.exact);
      if (run && Number.isFinite(runStart)) best = cheaper(best, exactAsLits(run) && (run.length > 1 ? covered({ strings: run, within: runStart }) : { strings: run, within: runStart }));
    } else run = null;
    exact = exact && item.exact ? cross(exact, item.exact) : null;
    min += item.min;
    max += item.max;
  }
  return { min, max, exact, lits: best, first };
}

function alternation(alternatives: Info[]): Info {
  if (alternatives.length === 1) return alternatives[0] as Info;
  // Sets, not arrays copied at each alternative: a list of vendors' names has hundreds.
  let exact: Set<string> | null = new Set();
  let strings: Set<string> | null = new Set();
  let first: Set<string> | null = new Set();
  let within = 0;
  for (const alt of alternatives) {
    if (exact && alt.exact && exact.size + alt.exact.length <= EXACT_LIMIT) for (const e of alt.exact) exact.add(e);
    else exact = null;
    // An alternative's every string when known (so that the cover below can find what they share), else its literals.
    const lits = exactAsLits(alt.exact) ?? alt.lits;
    if (strings && lits && strings.size + lits.strings.length <= UNION_LIMIT) {
      for (const l of lits.strings) strings.add(l);
      within = Math.max(within, lits.within);
    } else strings = null;
    if (first && alt.first) for (const c of alt.first) first.add(c);
    else first = null;
  }
  const exactList = exact && [...exact];
  const lits = cheaper(strings && covered({ strings: [...strings], within }), exactAsLits(exactList) && covered({ strings: exactList as string[], within: 0 }));
  return { min: Math.min(...alternatives.map((a) => a.min)), max: Math.max(...alternatives.map((a) => a.max)), exact: exactList, lits, first: first && [...first] };
}

function repeat(body: Info, lo: number, hi: number): Info {
  let exact: string[] | null = null;
  if (body.exact && Number.isFinite(hi) && hi <= 4) {
    exact = [];
    let power: string[] | null = [""];
    for (let n = 0; n <= hi && exact; n++) {
      if (n >= lo) exact = power && exact.length + power.length <= EXACT_LIMIT ? unique([...exact, ...power]) : null;
      power = power && cross(power, body.exact);
    }
  }
  const lits = lo >= 1 ? cheaper(body.lits, exactAsLits(body.exact)) : null;
  return { min: body.min * lo, max: hi === 0 || body.max === 0 ? 0 : body.max * hi, exact, lits, first: body.first };
}

/** A recursive-descent reader of the JavaScript pattern syntax the rules use (no `u` or `v` flag). */
class Reader {
  private at = 0;
  private readonly groupMax = new Map<string, number>();

  constructor(
    private readonly source: string,
    private readonly ignoreCase: boolean,
  ) {}

  read(): Info {
    const info = this.alternation();
    if (this.at !== this.source.length) throw new Unsupported();
    return info;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.at + offset];
  }

  private alternation(): Info {
    const alternatives = [this.sequence()];
    while (this.peek() === "|") {
      this.at++;
      alternatives.push(this.sequence());
    }
    return alternation(alternatives);
  }

  private sequence(): Info {
    const items: Info[] = [];
    for (let c = this.peek(); c !== undefined && c !== "|" && c !== ")"; c = this.peek()) items.push(this.quantified(this.atom()));
    return sequence(items);
  }

  /** `re` (sticky) matched at the reader's position, without copying the rest of the source. */
  private lookingAt(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.at;
    return re.exec(this.source);
  }

  private quantified(atom: Info): Info {
    const next = this.peek();
    let lo: number;
    let hi: number;
    const braces = next === "{" ? this.lookingAt(/\{(\d+)(,(\d*))?\}/y) : null;
    if (next === "*") [lo, hi] = [0, Infinity];
    else if (next === "+") [lo, hi] = [1, Infinity];
    else if (next === "?") [lo, hi] = [0, 1];
    else if (braces) [lo, hi] = [Number(braces[1]), braces[2] === undefined ? Number(braces[1]) : braces[3] ? Number(braces[3]) : Infinity];
    else return atom;
    this.at += braces ? braces[0].length : 1;
    if (this.peek() === "?") this.at++;
    return repeat(atom, lo, hi);
  }

  private char(c: string): Info {
    if (this.ignoreCase && c.charCodeAt(0) > 0x7f) return ANY;
    return { min: 1, max: 1, exact: [this.ignoreCase ? c.toLowerCase() : c], lits: null, first: this.ignoreCase ? unique([c.toLowerCase(), c.toUpperCase()]) : [c] };
  }

  private atom(): Info {
    const c = this.source[this.at++] as string;
    if (c === "(") return this.group();
    if (c === "[") return this.characterClass();
    if (c === ".") return ANY;
    if (c === "^" || c === "$") return ASSERTION;
    if (c === "\\") return this.escape();
    if (c === "*" || c === "+" || c === "?" || c === ")") throw new Unsupported();
    return this.char(c);
  }

  private group(): Info {
    const look = this.lookingAt(/\?(?:=|!|<=|<!)/y);
    const named = look ? null : this.lookingAt(/\?<([A-Za-z_$][\w$]*)>/y);
    if (look) this.at += look[0].length;
    else if (named) this.at += named[0].length;
    else if (this.source.startsWith("?:", this.at)) this.at += 2;
    else if (this.peek() === "?") throw new Unsupported();
    const inner = this.alternation();
    if (this.source[this.at++] !== ")") throw new Unsupported();
    if (look) return ASSERTION;
    if (named?.[1]) this.groupMax.set(named[1], inner.max);
    return inner;
  }

  /** One character of a class or an escape outside one: its code, or undefined for a class escape (\d, \w, \s, …). */
  private escapedChar(inClass: boolean): string | undefined {
    const c = this.source[this.at++];
    if (c === undefined) throw new Unsupported();
    const hex = (n: number) => {
      const digits = this.source.slice(this.at, this.at + n);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== n) throw new Unsupported();
      this.at += n;
      return String.fromCharCode(parseInt(digits, 16));
    };
    if ("dDwWsS".includes(c)) return undefined;
    if (c === "x") return hex(2);
    if (c === "u") return hex(4);
    if (c === "t") return "\t";
    if (c === "n") return "\n";
    if (c === "r") return "\r";
    if (c === "f") return "\f";
    if (c === "v") return "\v";
    if (c === "0" && !/\d/.test(this.peek() ?? "")) return "\0";
    if (c === "b" && inClass) return "\b";
    if (/[0-9ck]/.test(c)) throw new Unsupported();
    if (/[A-Za-z]/.test(c)) throw new Unsupported();
    return c;
  }

  private escape(): Info {
    const c = this.peek();
    if (c === "b" || c === "B") {
      this.at++;
      return ASSERTION;
    }
    if (c === "k") {
      const name = this.lookingAt(/k<([A-Za-z_$][\w$]*)>/y);
      if (!name?.[1]) throw new Unsupported();
      this.at += name[0].length;
      return { min: 0, max: this.groupMax.get(name[1]) ?? Infinity, exact: null, lits: null, first: null };
    }
    const ch = this.escapedChar(false);
    return ch === undefined ? ANY : this.char(ch);
  }

  /** A class: the characters it holds when few and listed (`["'\x60]`, `[Tt]`), else any one character. */
  private characterClass(): Info {
    const negated = this.peek() === "^";
    if (negated) this.at++;
    const chars: string[] = [];
    let listed = !negated;
    for (;;) {
      const c = this.source[this.at++];
      if (c === undefined) throw new Unsupported();
      if (c === "]") break;
      const ch = c === "\\" ? this.escapedChar(true) : c;
      if (ch === undefined) listed = false;
      else if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        // A range: its characters are too many to list.
        this.at++;
        const end = this.source[this.at++] === "\\" ? this.escapedChar(true) : this.source[this.at - 1];
        if (end === undefined) throw new Unsupported();
        listed = false;
      } else chars.push(ch);
    }
    if (!listed) return ANY;
    const set = unique(chars.map((ch) => (this.ignoreCase ? ch.toLowerCase() : ch)));
    if (set.length === 0 || set.length > 6 || (this.ignoreCase && chars.some((ch) => ch.charCodeAt(0) > 0x7f))) return ANY;
    const first = this.ignoreCase ? unique(set.flatMap((ch) => [ch, ch.toUpperCase()])) : set;
    return { min: 1, max: 1, exact: set, lits: null, first };
  }
}

let cache = new WeakMap<RegExp, RequiredLiterals | null>();

/**
 * The literals every match of `re` holds near its start, or undefined when the pattern has none
 * worth searching for (too short, too common, too far from the start) or uses syntax this reader
 * does not know (the `u` or `v` flag, numbered backreferences). Computed once per pattern.
 * `keywords`: the rule set's keywords (lowercase), whose presence in a text the scanner knows
 * already; literals among them cost nearly nothing to choose (a text without one skips its search).
 */
export function requiredLiterals(re: RegExp, keywords: ReadonlySet<string> = known): RequiredLiterals | undefined {
  if (keywords !== known) {
    // Another rule set's keywords: what was chosen for the last one no longer holds.
    known = keywords;
    cache = new WeakMap();
    covers.clear();
  }
  const cached = cache.get(re);
  if (cached !== undefined) return cached ?? undefined;
  let found: RequiredLiterals | null = null;
  if (!/[uvs]/.test(re.flags)) {
    try {
      const ignoreCase = re.flags.includes("i");
      const info = new Reader(re.source, ignoreCase).read();
      const lits = cheaper(info.lits && covered(info.lits), exactAsLits(info.exact) && covered({ strings: info.exact as string[], within: 0 }));
      // A pattern that starts with one of a few characters the engine skips to on its own.
      const narrow = info.first !== null && info.first.length < WIDE_START;
      if (lits && costOf(lits.strings) <= MAX_COST && !narrow) found = { strings: lits.strings, within: lits.within, ignoreCase };
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }
  cache.set(re, found);
  return found ?? undefined;
}

/**
 * Where every match of a pattern ends: before a character of `boundary` (a character class, read
 * with the pattern's flags) or at the text's end, and at most `longest` characters after its start.
 */
export interface MatchEnd {
  boundary: string;
  longest: number;
}

/** A class's body: escapes and any character but `]`. */
const CLASS_BODY = String.raw`((?:\\.|[^\\\]])*)`;
/**
 * The closings that say what follows every match, at the pattern's end: a lookahead `(?![^X])` (a
 * character of X follows) or `(?![X])` (none of X follows), alone or closing a lookahead that
 * captures what a backreference then takes (`(?=(?<secret>…)(?![^X]))\k<secret>`, an atomic group).
 */
const CLOSINGS = [
  new RegExp(String.raw`\(\?!\[(\^?)${CLASS_BODY}\]\)$`),
  new RegExp(String.raw`\(\?=\(\?<([A-Za-z_]\w*)>(?:\\.|\[${CLASS_BODY}\]|[^\\()[])*\)\(\?!\[(\^?)${CLASS_BODY}\]\)\)\\k<\1>$`),
];

/** True when `source`'s character `at` opens a group at its top level, and no `|` stands there (outside every group and class). */
function closesTopLevel(source: string, at: number): boolean {
  let depth = 0;
  let inClass = false;
  let opensThere = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") {
      if (i === at) opensThere = depth === 0;
      depth++;
    } else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return false;
  }
  return opensThere;
}

/** The class of the characters one of which follows every match, from a closing's negation mark and body. */
function boundaryOf(negated: string | undefined, body: string | undefined): string | undefined {
  if (!body) return undefined;
  // `(?![^X])`: a character of X follows; `(?![X])`: a character outside X.
  return negated ? `[${body}]` : `[^${body}]`;
}

const matchEnds = new WeakMap<RegExp, MatchEnd | null>();

/**
 * For a pattern that closes at its top level (no `|` there) with one of CLOSINGS, and whose matches
 * are bounded in length: the class of what follows every match, and the longest match. On a long run
 * without any such character (`apikeyapikey…`, one word a megabyte long) the scanner then runs the
 * rule only near the run's ends (scanner.ts, `ruleMatches`). Read from the syntax, as
 * `requiredLiterals` is: sound by construction; undefined when the pattern closes otherwise or uses
 * syntax the reader does not know.
 */
export function matchEnd(re: RegExp): MatchEnd | undefined {
  const cached = matchEnds.get(re);
  if (cached !== undefined) return cached ?? undefined;
  let found: MatchEnd | null = null;
  if (!/[uv]/.test(re.flags)) {
    for (const [form, closing] of CLOSINGS.entries()) {
      const m = closing.exec(re.source);
      if (!m) continue;
      const boundary = form === 0 ? boundaryOf(m[1], m[2]) : boundaryOf(m[3], m[4]);
      if (!boundary || !closesTopLevel(re.source, m.index)) break;
      try {
        const { max } = new Reader(re.source, re.flags.includes("i")).read();
        if (Number.isFinite(max)) found = { boundary, longest: max };
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
      }
      break;
    }
  }
  matchEnds.set(re, found);
  return found ?? undefined;
}
