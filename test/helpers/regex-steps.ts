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
 *
 * Each pattern is compiled once into closures, one per node and direction
 * (the walk a tree interpreter would make, decided ahead): the linear-time
 * proof runs every rule over every adversarial shape, hundreds of millions of
 * steps, and a switch on the node's type at every step cost three times as
 * much. The steps counted are the interpreter's, one for one.
 */
import { RegExpParser } from "@eslint-community/regexpp";
import type { AST } from "@eslint-community/regexpp";

/** The result of running a pattern over a text: the matches (start, end) and the steps taken. */
export interface CountedRun {
  matches: Array<[number, number]>;
  steps: number;
}

type Cont = (pos: number) => boolean;

/** What one run over a text changes as it goes: the steps and the groups captured. */
interface State {
  text: string;
  steps: number;
  limit: number;
  captures: Map<AST.CapturingGroup, [number, number] | undefined>;
}

/** A node compiled for one direction: matches at `pos`, then `k`, counting its steps in `st`. */
type Matcher = (pos: number, st: State, k: Cont) => boolean;

/** Whether one code unit (NaN past either end of the text) matches a single-character node. */
type CharTest = (code: number) => boolean;

/** The pattern's flags, fixed for a compiled pattern. */
interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}


class StepLimit extends Error {}

const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);

function charSetMatches(node: AST.CharacterSet, c: string, flags: Flags): boolean {
  switch (node.kind) {
    case "any":
      return flags.dotAll || !/[\n\r\u2028\u2029]/.test(c);
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

function classElementMatches(el: AST.CharacterClassElement, c: string, flags: Flags): boolean {
  const forms = flags.ignoreCase ? [c, c.toLowerCase(), c.toUpperCase()] : [c];
  switch (el.type) {
    case "Character":
      return forms.some((f) => f.codePointAt(0) === el.value);
    case "CharacterClassRange":
      return forms.some((f) => {
        const cp = f.codePointAt(0) ?? -1;
        return cp >= el.min.value && cp <= el.max.value;
      });
    case "CharacterSet":
      return charSetMatches(el, c, flags);
    default:
      throw new Error(`unsupported class element ${el.type}`);
  }
}

/** Does one character (a Character, CharacterSet or CharacterClass node) match `c`? */
function singleMatchesNow(node: AST.Node, c: string, flags: Flags): boolean {
  if (node.type === "Character") {
    if (flags.ignoreCase) return c.toLowerCase() === String.fromCodePoint(node.value).toLowerCase();
    return c.codePointAt(0) === node.value;
  }
  if (node.type === "CharacterSet") return charSetMatches(node, c, flags);
  if (node.type === "CharacterClass") {
    const hit = node.elements.some((el) => classElementMatches(el as AST.CharacterClassElement, c, flags));
    return hit !== node.negate;
  }
  throw new Error(`not a single-character node: ${node.type}`);
}

/**
 * A single-character node's test, its answer for each ASCII unit kept as found (0 not asked yet,
 * 1 no, 2 yes): it depends on the node, the character and the flags only, so asking again is what
 * V8 would do in one comparison; counted steps are unchanged.
 */
function charTest(node: AST.Node, flags: Flags): CharTest {
  const answers = new Uint8Array(128);
  return (code) => {
    if (code >= 128) return singleMatchesNow(node, String.fromCharCode(code), flags);
    if (!(code >= 0)) return false;
    const known = answers[code];
    if (known !== 0) return known === 2;
    const hit = singleMatchesNow(node, String.fromCharCode(code), flags);
    answers[code] = hit ? 2 : 1;
    return hit;
  };
}

const isSingle = (node: AST.Node) => node.type === "Character" || node.type === "CharacterSet" || node.type === "CharacterClass";

/**
 * A quantified element that reads one character: a single, or a group of
 * zero-width assertions then a single (`(?:(?!----)[\s\S])`). Its runs are read
 * in a loop (as V8 does), not by recursion, which would overflow the stack.
 */
function findSingleStep(node: AST.Node): { guards: AST.Assertion[]; single: AST.Node } | undefined {
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

/** The code unit a single-character node reads at `pos` going `dir` (NaN past either end). */
const unitAt = (text: string, pos: number, dir: 1 | -1): number => text.charCodeAt(dir === 1 ? pos : pos - 1);

/** Compiles a pattern's nodes, each once per direction. */
class Compiler {
  private readonly matchers = [new Map<AST.Node, Matcher>(), new Map<AST.Node, Matcher>()];
  private readonly tests = new Map<AST.Node, CharTest>();
  private readonly conditions = new Map<AST.Node, (pos: number, st: State) => boolean>();

  constructor(
    private readonly flags: Flags,
    private readonly groups: AST.CapturingGroup[],
    private readonly names: Map<string, AST.CapturingGroup>,
  ) {}

  test(node: AST.Node): CharTest {
    let found = this.tests.get(node);
    if (found === undefined) this.tests.set(node, (found = charTest(node, this.flags)));
    return found;
  }

  /** What the interpreter's `m` did for `node` going `dir`: one step, then the node's own work. */
  node(node: AST.Node, dir: 1 | -1): Matcher {
    const cache = this.matchers[dir === 1 ? 0 : 1] as Map<AST.Node, Matcher>;
    let found = cache.get(node);
    if (found === undefined) cache.set(node, (found = this.build(node, dir)));
    return found;
  }

  private build(node: AST.Node, dir: 1 | -1): Matcher {
    switch (node.type) {
      case "Character":
      case "CharacterSet":
      case "CharacterClass": {
        const test = this.test(node);
        return (pos, st, k) => {
          tick(st);
          const c = unitAt(st.text, pos, dir);
          if (!test(c)) return false;
          return k(pos + dir);
        };
      }
      case "Alternative": {
        const rest = this.sequence(node.elements, dir);
        return (pos, st, k) => {
          tick(st);
          return rest(pos, st, k);
        };
      }
      case "Group": {
        const alternatives = node.alternatives.map((alt) => this.node(alt, dir));
        return (pos, st, k) => {
          tick(st);
          for (const alt of alternatives) if (alt(pos, st, k)) return true;
          return false;
        };
      }
      case "CapturingGroup": {
        const alternatives = node.alternatives.map((alt) => this.node(alt, dir));
        return (pos, st, k) => {
          tick(st);
          const saved = st.captures.get(node);
          const captured: Cont = (end) => {
            const before = st.captures.get(node);
            st.captures.set(node, dir === 1 ? [pos, end] : [end, pos]);
            if (k(end)) return true;
            st.captures.set(node, before);
            return false;
          };
          for (const alt of alternatives) if (alt(pos, st, captured)) return true;
          st.captures.set(node, saved);
          return false;
        };
      }
      case "Quantifier": {
        const quantified = this.quantifier(node, dir);
        return (pos, st, k) => {
          tick(st);
          return quantified(pos, st, k);
        };
      }
      case "Assertion": {
        const holds = this.condition(node);
        return (pos, st, k) => {
          tick(st);
          return holds(pos, st) && k(pos);
        };
      }
      case "Backreference": {
        const group = typeof node.ref === "number" ? this.groups[node.ref - 1] : this.names.get(node.ref);
        const { ignoreCase } = this.flags;
        return (pos, st, k) => {
          tick(st);
          const cap = group ? st.captures.get(group) : undefined;
          if (!cap) return k(pos);
          const sub = st.text.slice(cap[0], cap[1]);
          const here = dir === 1 ? st.text.slice(pos, pos + sub.length) : st.text.slice(pos - sub.length, pos);
          st.steps += sub.length;
          const same = ignoreCase ? here.toLowerCase() === sub.toLowerCase() : here === sub;
          return same && k(pos + dir * sub.length);
        };
      }
      default:
        throw new Error(`unsupported node ${node.type}`);
    }
  }

  /** An alternative's elements in order (`dir` 1) or backwards (-1), then `k`: the interpreter's `seq`. */
  private sequence(elements: AST.Element[], dir: 1 | -1): Matcher {
    let rest: Matcher = (pos, _st, k) => k(pos);
    const order = dir === 1 ? [...elements].reverse() : elements;
    for (const el of order) {
      const next = rest;
      if (isSingle(el)) {
        // A single character: one step, compare, go on, without a continuation to allocate.
        const test = this.test(el);
        rest = (pos, st, k) => {
          tick(st);
          const c = unitAt(st.text, pos, dir);
          if (!test(c)) return false;
          return next(pos + dir, st, k);
        };
      } else if (el.type === "Assertion") {
        // An assertion: one step, the test, then on at the same position, likewise.
        const holds = this.condition(el);
        rest = (pos, st, k) => {
          tick(st);
          return holds(pos, st) && next(pos, st, k);
        };
      } else {
        const element = this.node(el, dir);
        rest = (pos, st, k) => element(pos, st, (p) => next(p, st, k));
      }
    }
    return rest;
  }

  private quantifier(node: AST.Quantifier, dir: 1 | -1): Matcher {
    const { min, max, greedy } = node;
    const step = findSingleStep(node.element);
    if (step) {
      // A run of single characters: read the run once, then try the continuation at each length.
      const guards = step.guards.map((guard) => this.condition(guard));
      const test = this.test(step.single);
      return (pos, st, k) => {
        let run = 0;
        while (run < max) {
          tick(st);
          const at = pos + dir * run;
          let guarded = true;
          for (const holds of guards) if (!holds(at, st)) { guarded = false; break; }
          if (!guarded) break;
          const c = unitAt(st.text, at, dir);
          if (!test(c)) break;
          run++;
        }
        if (run < min) return false;
        if (greedy) {
          for (let n = run; n >= min; n--) if ((tick(st), k(pos + dir * n))) return true;
        } else {
          for (let n = min; n <= run; n++) if ((tick(st), k(pos + dir * n))) return true;
        }
        return false;
      };
    }
    const element = this.node(node.element, dir);
    return (pos, st, k) => {
      const rep = (count: number, p: number): boolean => {
        const more = () => count < max && element(p, st, (q) => (q === p ? false : rep(count + 1, q)));
        const stop = () => count >= min && k(p);
        return greedy ? more() || stop() : stop() || more();
      };
      return rep(0, pos);
    };
  }

  /** Whether a zero-width assertion holds at `pos` (its lookaround's steps counted). */
  private condition(node: AST.Assertion): (pos: number, st: State) => boolean {
    let found = this.conditions.get(node);
    if (found === undefined) this.conditions.set(node, (found = this.buildCondition(node)));
    return found;
  }

  private buildCondition(node: AST.Assertion): (pos: number, st: State) => boolean {
    const { multiline } = this.flags;
    switch (node.kind) {
      case "start":
        return (pos, st) => pos === 0 || (multiline && /[\n\r]/.test(st.text[pos - 1] ?? ""));
      case "end":
        return (pos, st) => pos === st.text.length || (multiline && /[\n\r]/.test(st.text[pos] ?? ""));
      case "word": {
        const { negate } = node;
        return (pos, st) => (isWordChar(st.text[pos - 1]) !== isWordChar(st.text[pos])) !== negate;
      }
      case "lookahead":
      case "lookbehind": {
        const alternatives = node.alternatives.map((alt) => this.node(alt, node.kind === "lookahead" ? 1 : -1));
        const { negate } = node;
        return (pos, st) => {
          let found = false;
          for (const alt of alternatives) if ((found = alt(pos, st, done))) break;
          return found !== negate;
        };
      }
      default:
        throw new Error("unsupported assertion");
    }
  }
}

function collectGroups(node: AST.Node, out: AST.CapturingGroup[]): void {
  if (node.type === "CapturingGroup") out.push(node);
  const children: AST.Node[] =
    "alternatives" in node ? node.alternatives : "elements" in node && node.type === "Alternative" ? node.elements : node.type === "Quantifier" ? [node.element] : [];
  for (const child of children) collectGroups(child, out);
}

/** The patterns seen (the rules, a few hundred), compiled, by flags and source. */
const compiledPatterns = new Map<string, Matcher[]>();

/** The pattern's top-level alternatives, compiled. */
function compiled(re: RegExp): Matcher[] {
  const key = `${re.flags}/${re.source}`;
  let found = compiledPatterns.get(key);
  if (found === undefined) {
    const pattern = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(re.source, 0, re.source.length, { unicode: re.flags.includes("u") });
    const groups: AST.CapturingGroup[] = [];
    collectGroups(pattern, groups);
    const flags = { ignoreCase: re.flags.includes("i"), multiline: re.flags.includes("m"), dotAll: re.flags.includes("s") };
    const names = new Map(groups.filter((g) => g.name).map((g) => [g.name as string, g]));
    const compiler = new Compiler(flags, groups, names);
    found = pattern.alternatives.map((alt) => compiler.node(alt, 1));
    compiledPatterns.set(key, found);
  }
  return found;
}

/**
 * Runs `re` over `text` as a global exec loop does (each match, then on from
 * its end), counting steps; stops with an error past `limit` steps.
 */
export function countedExec(re: RegExp, text: string, limit = 50_000_000): CountedRun {
  const alternatives = compiled(re);
  const st: State = { text, steps: 0, limit, captures: new Map() };
  const matches: Array<[number, number]> = [];
  let start = 0;
  let end = -1;
  const matched: Cont = (p) => ((end = p), true);
  while (start <= text.length) {
    if (st.captures.size > 0) st.captures.clear();
    end = -1;
    let hit = false;
    for (const alt of alternatives) if ((hit = alt(start, st, matched))) break;
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
