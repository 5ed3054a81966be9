/**
 * Allow-listing: what the user has declared not to be a secret. Four ways,
 * from the narrowest to the widest:
 *
 * - an inline marker on the line: `backpack:allow` (every rule) or
 *   `backpack:allow RULE-ID ...` (those rules), or `backpack:allow-next-line`
 *   on the line before (for places a comment cannot go, such as a PEM block);
 * - a baseline file: findings accepted on a given day, by file and fingerprint;
 * - fingerprints in the config (`scan.allow_fingerprints`): that value, anywhere;
 * - rule ids and path globs in the config (`scan.allow_rules`, `scan.allow_paths`).
 *
 * Two checks protect the user's own data rather than judge what a string
 * looks like: a plaintext agent.lock (`agent-lock-plaintext`) and a value
 * from the user's vault or agent.lock (`known-secret`). A cloned
 * repository's backpack.toml, baseline or an inline marker in its files must
 * not turn them off (a `scan.allow_paths = ["**"]` would let your plaintext
 * agent.lock, or your own API key, be committed to the repository of
 * whoever wrote it). So they heed only `guards`: the allow-list from your own
 * config, flags, or a repository you trust (`backpack trust`); never an
 * inline marker.
 *
 * Pure.
 */

/** The allow-list in force for one scan. */
export interface AllowList {
  /** Glob patterns of paths not scanned at all. */
  paths: readonly string[];
  /** Rule ids that never report. */
  rules: readonly string[];
  /** Fingerprints of values accepted anywhere. */
  fingerprints: readonly string[];
  /** Accepted findings as `file\0fingerprint` (from a baseline). */
  baseline?: ReadonlySet<string>;
  /**
   * What may silence the guards (agent-lock-plaintext, known-secret): the
   * allow-list as it comes from the user's own config, flags or a trusted
   * repository. Absent: nothing silences them.
   */
  guards?: GuardAllowList;
}

/** The allow-list the guards heed (see the module comment). */
export type GuardAllowList = Omit<AllowList, "guards">;

/** Allows nothing. */
export const ALLOW_NOTHING: AllowList = { paths: [], rules: [], fingerprints: [] };

/** True when `allow`'s guard list accepts a guard finding of `rule` at `path` with `fingerprint`. */
export function guardAllows(allow: AllowList, rule: string, path: string, fingerprint: string): boolean {
  const g = allow.guards;
  if (!g) return false;
  return (
    g.rules.includes(rule) || (g.paths.length > 0 && pathMatcher(g.paths)(path)) || g.fingerprints.includes(fingerprint) || (g.baseline?.has(baselineKey(path, fingerprint)) ?? false)
  );
}

/** The key a baseline records a finding under. */
export function baselineKey(file: string, fingerprint: string): string {
  return `${file}\0${fingerprint}`;
}

/** The glob matcher lives in core (git's attribute lookup uses it too). */
export { globToRegExp } from "../core/glob.js";
import { globToRegExp } from "../core/glob.js";

const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

/** A compiled path matcher for the allow-list's globs (compiled once per list). */
export function pathMatcher(globs: readonly string[]): (path: string) => boolean {
  let matcher = matchers.get(globs);
  if (!matcher) {
    const res = globs.filter((g) => g.trim()).map(globToRegExp);
    matcher = (path) => res.some((re) => re.test(path));
    matchers.set(globs, matcher);
  }
  return matcher;
}

const MARKER = /backpack:allow(-next-line)?\b((?:[ \t,]+[a-z0-9][a-z0-9-]*)*)/g;

/**
 * The rules an inline marker on `line` allows: "all", a list of rule ids, or
 * undefined when there is no marker. Words after the marker that are not rule
 * ids (`backpack:allow test fixture`) are a comment and allow every rule.
 */
export function markerOn(line: string, knownRuleIds: ReadonlySet<string>, nextLine = false): "all" | string[] | undefined {
  let result: "all" | string[] | undefined;
  for (const m of line.matchAll(MARKER)) {
    if (Boolean(m[1]) !== nextLine) continue;
    const ids = (m[2] ?? "").split(/[\s,]+/).filter((w) => knownRuleIds.has(w));
    if (ids.length === 0) return "all";
    result = [...(Array.isArray(result) ? result : []), ...ids];
  }
  return result;
}
