/**
 * The shape of a pattern rule, apart from the rules table (src/scan/rules.ts) so that the tables it
 * is built from (src/scan/prefixed-tokens.ts) can name it without importing the table.
 */
/** Named groups of a match: `secret`, and for some rules `name` (the variable assigned). */
export type MatchGroups = Record<string, string | undefined>;

/** A rule that finds secrets by their shape. */
export interface PatternRule {
  id: string;
  description: string;
  /** The name to suggest for `backpack key add NAME` when the line does not name one. */
  envName: string;
  /**
   * True when the match's `pre` and `name` groups are the variable the secret is set to on another
   * line or without an assignment operator (a YAML block scalar's key, fish's `set -gx NAME`): the
   * name to suggest, where the line before the secret names none. Never a part of the value.
   */
  namesVariable?: boolean;
  /** Must have the `g` flag; the `secret` group (else the match) is the secret. */
  pattern: RegExp;
  /**
   * A small pattern (no `g` flag), or a check as cheap, that every match of `pattern` holds: a text
   * without one is not searched with `pattern`, which then is never compiled. For rules keyed on
   * something as common as an operator, whose pattern is large (compiling one costs a process milliseconds).
   */
  gate?: {
    test(text: string): boolean;
    /**
     * Where a large text's matches can be, when the gate can say so as cheaply as it tests: offsets, in order,
     * such that every match of `pattern` starts at most `within` characters before one of them. None: no match
     * (as `test` false). The scanner then runs the pattern only in those windows, when they are few enough.
     */
    windows?(text: string): { at: ArrayLike<number>; within: number };
  };
  /** True for a file the rule does not read (by its path): neither its gate nor its pattern runs there. */
  skipsFile?: (file: string) => boolean;
  /** Lowercase strings; the rule runs only on text that contains one (empty: always runs). */
  keywords: readonly string[];
  /** Minimum Shannon entropy of the secret, in bits per character. */
  minEntropy?: number;
  /** A further check on a candidate (`file` is the path scanned); false drops it. */
  validate?: (secret: string, groups: MatchGroups, file: string) => boolean;
  /** Lines that must produce a finding (positive) and lines that must not (negative). */
  examples: { positive: readonly string[]; negative: readonly string[] };
}
