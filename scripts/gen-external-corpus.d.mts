/** One harvested case (a line of a case file such as the local corpora's external-corpus/cases.json). */
export interface ExternalCase {
  family: string;
  rule: string;
  label: "tp" | "fp";
  /** The case's text, a template (see test/helpers/fake-secrets.mjs). */
  text: string;
  ident?: string;
  bare?: boolean;
  ext?: string;
  /** The source's rule finds an identifier or helps another rule: set apart (held-out corpus). */
  notSecret?: boolean;
  /** The case is a whole file: placeholders are judged on the lines holding its templates (eval.json). */
  whole?: boolean;
  /** The file's own name, kept when the case is placed (eval.json's leaky-repo). */
  name?: string;
  src: string;
  path: string;
  /** The case's role by its corpus' fixed rule (newsrc.json): evaluation (only scores read) or development. */
  role?: string;
}
/** One file of the external corpus. */
export interface ExternalFile {
  path: string;
  /** The template of the file's text. */
  text: string;
  label: "tp" | "fp";
  family: string;
  claimed: boolean;
  rule: string;
  src: string;
  placeholder: boolean;
  /** A false-positive case set apart (see DISPUTED). */
  disputed: boolean;
  /** The case's role, when its corpus gives one (newsrc.json). */
  role?: string;
  seed: string;
}
/** One harvested case file of the local corpora (`external-corpus/NAME`; absent on a fresh clone). */
export function externalCorpusFile(name: string): string;
export const CASES_FILE: string;
export const HELDOUT_FILE: string;
/** More development cases: ripsecrets' and whispers' test data (scripts/harvest-dev-cases.mjs). */
export const DEV_FILE: string;
/** The evaluation corpus (scripts/harvest-eval-cases.mjs): only its scores are read. */
export const EVAL_FILE: string;
/** The SAST corpus (scripts/harvest-sast-cases.mjs): code analysers' hard-coded-credential cases. */
export const SAST_FILE: string;
/** The fourteenth round's corpus (scripts/harvest-newsrc-cases.mjs): each case an evaluation or a development one. */
export const NEWSRC_FILE: string;
export const DISPUTED: ReadonlyArray<{ src: string; rule: string | RegExp; text: RegExp; reason: string }>;
export const CLAIMED_FAMILIES: ReadonlySet<string>;
export function loadCases(path?: string): { sources: Record<string, { repo: string; license: string; commit: string; role?: string }>; cases: ExternalCase[] };
export function familyOf(name: string): string;
/** How a case counts, wherever it is placed: family, claimed, set apart as a placeholder or disputed. */
export function caseVerdict(c: ExternalCase): { family: string; claimed: boolean; placeholder: boolean; disputed: boolean };
export function buildExternalCorpus(input?: { cases: ExternalCase[] }): ExternalFile[];
export function expandExternalFile(file: ExternalFile): string;
