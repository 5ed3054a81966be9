/** The role of an evaluation sample file: only its scores are read. */
export const EVALUATION: string;
/** The role of a development sample file: its misses and false alarms are read and fixed by class. */
export const DEVELOPMENT: string;
/** The role of a sample file by the CredSweeper corpus' fixed rule: SHA-256 of its path, first byte below 128 evaluation. */
export function roleOf(path: string): string;
/** CredSweeper's rules that find what is no secret, with why (their cases are left out). */
export const NOT_A_SECRET: Record<string, string>;
/** Our family for a CredSweeper rule name. */
export function familyOfRule(rule: string): string;
/** Whether a piece of letters and digits reads as a word, a name or a number (kept literal in a token-shaped run). */
export function wordOrNumber(piece: string): boolean;
/** A template's second pass: in a token-shaped run, every piece of 4 letters and digits or more that is no kept word, word or number templated. */
export function tokenPieces(text: string, words: string[]): string;
/** Classes where CredSweeper's labels and backpack's policy part by design: a rule on a case's line, or on a look-alike file. */
export const DISAGREEMENTS: ReadonlyArray<{ tag: string; reason: string; line?: RegExp; file?: RegExp }>;
/** The disagreement class of a case: its line's text (or, for a look-alike file, line 0, the file's text) by DISAGREEMENTS. */
export function disagreementOf(text: string, line: number): string | undefined;
