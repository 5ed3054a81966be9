/**
 * A backtracking regular-expression matcher that counts its steps: the work a
 * backtracking engine such as V8's Irregexp does on an input, made
 * observable, so a test can assert that a rule's work grows linearly with its
 * input (test/unit/scan-linear.test.ts) without timing anything.
 *
 * It reads the pattern with regexpp (the parser ESLint uses) and walks it the
 * way a backtracking engine does: at each start position, each alternative in
 * order, quantifiers greedy or lazy, lookarounds (lookbehind matched right to
 * left, as the spec says), named groups and backreferences. One step is one
 * node tried or one character compared. It has none of V8's shortcuts (quick
 * checks, Boyer-Moore skips), so its count is an upper bound of the real work
 * in shape. `countedExec` must agree with `RegExp.prototype.exec` on every
 * rule example (the test checks), which is what makes the count credible.
 */
import { RegExpParser } from "@eslint-community/regexpp";
import type { AST } from "@eslint-community/regexpp";

/** The result of running a pattern over a text: the matches (start, end) and the steps taken. */
export interface CountedRun {
  matches: Array<[number, number]>;
  steps: number;
}

type Cont = (pos: number) => boolean;

interface State {
  text: string;
  steps: number;
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  captures: Map<AST.CapturingGroup, [number, number] | undefined>;
  names: Map<string, AST.CapturingGroup>;
  groups: AST.CapturingGroup[];
  limit: number;
}

class StepLimit extends Error {}

const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);

function charSetMatches(node: AST.CharacterSet, c: string, st: State): boolean {
  switch (node.kind) {
    case "any":
      return st.dotAll || !/[\n\r\u2028\u2029]/.test(c);
    case "digit":
      return /\d/.test(c) !== node.negate;
    case "space":
      return /\s/.test(c) !== node.negate;
    case "word":
      return /\w/.test(c) !== node.negate;
    default:
      return new RegExp(node.raw, "u").test(c);
  }
}

function classElementMatches(el: AST.CharacterClassElement, c: string, st: State): boolean {
  const forms = st.ignoreCase ? [c, c.toLowerCase(), c.toUpperCase()] : [c];
  switch (el.type) {
    case "Character":
      return forms.some((f) => f.codePointAt(0) === el.value);
    case "CharacterClassRange":
      return forms.some((f) => {
        const cp = f.codePointAt(0) ?? -1;
        return cp >= el.min.value && cp <= el.max.value;
      });
    case "CharacterSet":
      return charSetMatches(el, c, st);
    default:
      throw new Error(`unsupported class element ${el.type}`);
  }
}

/**
 * What singleMatches found for each ASCII unit, per node of a cached parse (whose flags are
 * fixed): 0 not asked yet, 1 no, 2 yes. The answer depends on the node, the character and the
 * flags only, so asking again is what V8 would do in one comparison; counted steps are unchanged.
 */
const asciiAnswers = new WeakMap<AST.Node, Uint8Array>();

/** Does one character (a Character, CharacterSet or CharacterClass node) match `c`? */
function singleMatches(node: AST.Node, c: string, st: State): boolean {
  const code = c.charCodeAt(0);
  if (code >= 128) return singleMatchesNow(node, c, st);
  let answers = asciiAnswers.get(node);
  if (answers === undefined) {
    answers = new Uint8Array(128);
    asciiAnswers.set(node, answers);
  }
  const known = answers[code];
  if (known !== 0) return known === 2;
  const hit = singleMatchesNow(node, c, st);
  answers[code] = hit ? 2 : 1;
  return hit;
}

function singleMatchesNow(node: AST.Node, c: string, st: State): boolean {
  if (node.type === "Character") {
    if (st.ignoreCase) return c.toLowerCase() === String.fromCodePoint(node.value).toLowerCase();
    return c.codePointAt(0) === node.value;
  }
  if (node.type === "CharacterSet") return charSetMatches(node, c, st);
  if (node.type === "CharacterClass") {
    const hit = node.elements.some((el) => classElementMatches(el as AST.CharacterClassElement, c, st));
    return hit !== node.negate;
  }
  throw new Error(`not a single-character node: ${node.type}`);
}

const isSingle = (node: AST.Node) => node.type === "Character" || node.type === "CharacterSet" || node.type === "CharacterClass";

/**
 * A quantified element that reads one character: a single, or a group of
 * zero-width assertions then a single (`(?:(?!----)[\s\S])`). Its runs are read
 * in a loop (as V8 does), not by recursion, which would overflow the stack.
 */
function singleStep(node: AST.Node): SingleStep | undefined {
  let step = singleSteps.get(node);
  if (step === undefined) {
    step = findSingleStep(node) ?? null;
    singleSteps.set(node, step);
  }
  return step ?? undefined;
}

interface SingleStep {
  guards: AST.Assertion[];
  single: AST.Node;
}

/** singleStep's answer per node of a cached parse (null: not a single step). */
const singleSteps = new WeakMap<AST.Node, SingleStep | null>();

function findSingleStep(node: AST.Node): SingleStep | undefined {
  if (isSingle(node)) return { guards: [], single: node };
  if (node.type !== "Group" || node.alternatives.length !== 1) return undefined;
  const elements = (node.alternatives[0] as AST.Alternative).elements;
  const last = elements[elements.length - 1];
  const guards = elements.slice(0, -1);
  if (!last || !isSingle(last) || !guards.every((g) => g.type === "Assertion")) return undefined;
  return { guards: guards as AST.Assertion[], single: last };
}

/** The continuation of a lookaround or a guard: nothing more to match. */
const done: Cont = () => true;

function tick(st: State): void {
  if (++st.steps > st.limit) throw new StepLimit();
}

/** Matches `node` at `pos` in direction `dir` (1 forward, -1 backward, inside lookbehind), then `k`. */
function m(node: AST.Node, pos: number, dir: 1 | -1, st: State, k: Cont): boolean {
  tick(st);
  switch (node.type) {
    case "Character":
    case "CharacterSet":
    case "CharacterClass": {
      const c = dir === 1 ? st.text[pos] : st.text[pos - 1];
      if (c === undefined || !singleMatches(node, c, st)) return false;
      return k(pos + dir);
    }
    case "Alternative":
      return seq(node.elements, dir === 1 ? 0 : node.elements.length - 1, pos, dir, st, k);
    case "Group":
      for (const alt of node.alternatives) if (m(alt, pos, dir, st, k)) return true;
      return false;
    case "CapturingGroup": {
      const saved = st.captures.get(node);
      const captured: Cont = (end) => {
        const before = st.captures.get(node);
        st.captures.set(node, dir === 1 ? [pos, end] : [end, pos]);
        if (k(end)) return true;
        st.captures.set(node, before);
        return false;
      };
      for (const alt of node.alternatives) if (m(alt, pos, dir, st, captured)) return true;
      st.captures.set(node, saved);
      return false;
    }
    case "Quantifier":
      return quant(node, pos, dir, st, k);
    case "Assertion":
      return assertion(node, pos, st, k);
    case "Backreference": {
      const group = typeof node.ref === "number" ? st.groups[node.ref - 1] : st.names.get(node.ref);
      const cap = group ? st.captures.get(group) : undefined;
      if (!cap) return k(pos);
      const sub = st.text.slice(cap[0], cap[1]);
      const here = dir === 1 ? st.text.slice(pos, pos + sub.length) : st.text.slice(pos - sub.length, pos);
      st.steps += sub.length;
      const same = st.ignoreCase ? here.toLowerCase() === sub.toLowerCase() : here === sub;
      return same && k(pos + dir * sub.length);
    }
    default:
      throw new Error(`unsupported node ${node.type}`);
  }
}

function seq(elements: AST.Element[], i: number, pos: number, dir: 1 | -1, st: State, k: Cont): boolean {
  const el = elements[i];
  if (el === undefined) return k(pos);
  if (el.type === "Character" || el.type === "CharacterSet" || el.type === "CharacterClass") {
    // What m does for a single character (one step, compare, go on), without a continuation to allocate.
    tick(st);
    const c = dir === 1 ? st.text[pos] : st.text[pos - 1];
    if (c === undefined || !singleMatches(el, c, st)) return false;
    return seq(elements, i + dir, pos + dir, dir, st, k);
  }
  if (el.type === "Assertion") {
    // What m does for an assertion (one step, the test, then on at the same position), likewise.
    tick(st);
    return holds(el, pos, st) && seq(elements, i + dir, pos, dir, st, k);
  }
  return m(el, pos, dir, st, (p) => seq(elements, i + dir, p, dir, st, k));
}

function quant(node: AST.Quantifier, pos: number, dir: 1 | -1, st: State, k: Cont): boolean {
  const { min, max, greedy, element } = node;
  const step = singleStep(element);
  if (step) {
    // A run of single characters: read the run once, then try the continuation at each length.
    let run = 0;
    while (run < max) {
      tick(st);
      const at = pos + dir * run;
      if (step.guards.length > 0 && !guardsHold(step.guards, at, st)) break;
      const c = dir === 1 ? st.text[at] : st.text[at - 1];
      if (c === undefined || !singleMatches(step.single, c, st)) break;
      run++;
    }
    if (run < min) return false;
    if (greedy) {
      for (let n = run; n >= min; n--) if ((tick(st), k(pos + dir * n))) return true;
    } else {
      for (let n = min; n <= run; n++) if ((tick(st), k(pos + dir * n))) return true;
    }
    return false;
  }
  const rep = (count: number, p: number): boolean => {
    const more = () => count < max && m(element, p, dir, st, (q) => (q === p ? false : rep(count + 1, q)));
    const stop = () => count >= min && k(p);
    return greedy ? more() || stop() : stop() || more();
  };
  return rep(0, pos);
}

function assertion(node: AST.Assertion, pos: number, st: State, k: Cont): boolean {
  return holds(node, pos, st) && k(pos);
}

/** Whether a zero-width assertion holds at `pos` (its lookaround's steps counted): what `assertion` tests before going on. */
function holds(node: AST.Assertion, pos: number, st: State): boolean {
  const { text } = st;
  switch (node.kind) {
    case "start":
      return pos === 0 || (st.multiline && /[\n\r]/.test(text[pos - 1] ?? ""));
    case "end":
      return pos === text.length || (st.multiline && /[\n\r]/.test(text[pos] ?? ""));
    case "word": {
      const boundary = isWordChar(text[pos - 1]) !== isWordChar(text[pos]);
      return boundary !== node.negate;
    }
    case "lookahead":
    case "lookbehind": {
      const inner: 1 | -1 = node.kind === "lookahead" ? 1 : -1;
      let found = false;
      for (const alt of node.alternatives) if ((found = m(alt, pos, inner, st, done))) break;
      return found !== node.negate;
    }
    default:
      throw new Error("unsupported assertion");
  }
}

/** Every guard of a single step holds at `pos` (in order, stopping at the first that does not). */
function guardsHold(guards: AST.Assertion[], pos: number, st: State): boolean {
  for (const guard of guards) if (!holds(guard, pos, st)) return false;
  return true;
}

function collectGroups(node: AST.Node, out: AST.CapturingGroup[]): void {
  if (node.type === "CapturingGroup") out.push(node);
  const children: AST.Node[] =
    "alternatives" in node ? node.alternatives : "elements" in node && node.type === "Alternative" ? node.elements : node.type === "Quantifier" ? [node.element] : [];
  for (const child of children) collectGroups(child, out);
}

/** Parses of the patterns seen (the rules, a few hundred), by flags and source, with their capturing groups. */
const parses = new Map<string, { pattern: AST.Pattern; groups: AST.CapturingGroup[] }>();

function parsed(re: RegExp): { pattern: AST.Pattern; groups: AST.CapturingGroup[] } {
  const key = `${re.flags}/${re.source}`;
  let found = parses.get(key);
  if (found === undefined) {
    const pattern = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(re.source, 0, re.source.length, { unicode: re.flags.includes("u") });
    const groups: AST.CapturingGroup[] = [];
    collectGroups(pattern, groups);
    found = { pattern, groups };
    parses.set(key, found);
  }
  return found;
}

/**
 * Runs `re` over `text` as a global exec loop does (each match, then on from
 * its end), counting steps; stops with an error past `limit` steps.
 */
export function countedExec(re: RegExp, text: string, limit = 50_000_000): CountedRun {
  const { pattern, groups } = parsed(re);
  const st: State = {
    text,
    steps: 0,
    ignoreCase: re.flags.includes("i"),
    multiline: re.flags.includes("m"),
    dotAll: re.flags.includes("s"),
    captures: new Map(),
    names: new Map(groups.filter((g) => g.name).map((g) => [g.name as string, g])),
    groups,
    limit,
  };
  const matches: Array<[number, number]> = [];
  let start = 0;
  let end = -1;
  const matched: Cont = (p) => ((end = p), true);
  while (start <= text.length) {
    if (st.captures.size > 0) st.captures.clear();
    end = -1;
    let hit = false;
    for (const alt of pattern.alternatives) if ((hit = m(alt, start, 1, st, matched))) break;
    if (hit) {
      matches.push([start, end]);
      start = end > start ? end : start + 1;
    } else {
      start++;
    }
  }
  return { matches, steps: st.steps };
}

/** True when counting stopped at the limit (the work is beyond it). */
export function isStepLimit(error: unknown): boolean {
  return error instanceof StepLimit;
}
