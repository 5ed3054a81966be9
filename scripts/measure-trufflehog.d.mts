/** One case of a Test…_Pattern table: its name, its input, and whether the detector finds something in it. */
export interface PatternCase {
  name: string;
  input: string;
  valid: boolean;
  /** The strings `want` lists, where they evaluate. */
  want: string[];
}
/** The pattern-test cases of one Go test file's source. */
export function patternCases(source: string): PatternCase[];
/** A trufflehog pattern-test input as one of cases.json's cases (src `trufflehog-tests`). */
export interface TrufflehogCase {
  family: string;
  rule: string;
  label: "tp" | "fp";
  text: string;
  want: string[];
  src: string;
  path: string;
}
/** Every pattern-test case of the trufflehog clone at `dir`. */
export function trufflehogCases(dir: string): TrufflehogCase[];
/** Why an invalid input is set apart (a reason), or undefined for a look-alike. */
export function disputedNegative(c: Pick<TrufflehogCase, "family" | "text" | "path">, validTokens: Map<string, string[]>): string | undefined;
/** True when a clone of trufflehog is at `dir`. */
export function hasClone(dir: string | undefined): boolean;
