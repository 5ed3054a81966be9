import type { ExternalCase } from "./gen-external-corpus.mjs";
/** One file context of the context-shift corpus. */
export interface ShiftContext {
  id: string;
  path: string;
  /** The file's text with `name` assigned `value` (expanded) in the context's syntax. */
  render(parts: { name: string; value: string; multiline: boolean }): string;
  /** The context takes a value that spans lines (a PEM block). */
  multiline?: boolean;
  /** The slot's meaning is fixed (an .npmrc's _authToken): the case's name is lost, only positives are scored. */
  positivesOnly?: boolean;
  /** The old generator (gen-external-corpus.mjs) has this syntax already. */
  inOldGenerator?: boolean;
  /** A value the context's syntax cannot hold (a `|` in a Markdown table cell) is not placed there. */
  accepts?(value: string): boolean;
  /** 3 on set 3's contexts, 4 on set 4's, 5 on set 5's, 6 on set 6's, 7 on set 7's, 8 on set 8's, 9 on set 9's, 10 on evaluation set 10's (the evaluation half). */
  set?: number;
}
/** The first set of contexts: all DEVELOPMENT since evaluation set 2. */
export const CONTEXTS: readonly ShiftContext[];
/** Set 2: EVALUATION until set 3 was written and scored, DEVELOPMENT since. */
export const SECOND_SET: readonly ShiftContext[];
/** Set 3: EVALUATION until set 4 was written and scored, DEVELOPMENT since. */
export const THIRD_SET: readonly ShiftContext[];
/** Set 4: EVALUATION until set 5 was written and scored, DEVELOPMENT since. */
export const FOURTH_SET: readonly ShiftContext[];
/** Set 5: EVALUATION until set 6 was written and scored, DEVELOPMENT since. */
export const FIFTH_SET: readonly ShiftContext[];
/** Set 6: EVALUATION until set 7 was written and scored, DEVELOPMENT since. */
export const SIXTH_SET: readonly ShiftContext[];
/** Set 7: EVALUATION until set 8 was written and scored, DEVELOPMENT since. */
export const SEVENTH_SET: readonly ShiftContext[];
/** Set 8's everyday half: the files a hidden corpus most likely uses, in idioms no earlier set used. */
export const EIGHTH_SET_EVERYDAY: readonly ShiftContext[];
/** Set 8's name-apart half: a name standing apart from its value in tools' outputs, stores and key/value APIs. */
export const EIGHTH_SET_NAME_APART: readonly ShiftContext[];
/** Set 8 (both halves): EVALUATION until set 9 was written and scored, DEVELOPMENT since. */
export const EIGHTH_SET: readonly ShiftContext[];
/** Set 9's agent half: the files developers of AI agents commit (MCP configs, gateways, SDK calls, notebooks, exports, transcripts). */
export const NINTH_SET_AGENT: readonly ShiftContext[];
/** Set 9's languages half: languages and formats sets 1 to 8 used little, in idioms they did not use. */
export const NINTH_SET_LANGUAGES: readonly ShiftContext[];
/** Set 9 (both halves): EVALUATION until set 10 was written and scored, DEVELOPMENT since. */
export const NINTH_SET: readonly ShiftContext[];
/** Set 10's everyday half: the file kinds a hidden corpus most likely uses, in idioms no earlier set used. */
export const TENTH_SET_EVERYDAY: readonly ShiftContext[];
/** Set 10's output half: values printed by tools (CI logs, tracebacks, debug output, logs, snapshots, dumps, CLI outputs) or written by people (docs, reviews, chat and ticket exports). */
export const TENTH_SET_OUTPUT: readonly ShiftContext[];
/** Set 10 (both halves): all EVALUATION (only their scores are read). */
export const TENTH_SET: readonly ShiftContext[];
/** The evaluation contexts (set 10). */
export const EVALUATION_CONTEXTS: readonly ShiftContext[];
/** The first set, sets 2 to 9, then evaluation set 10. */
export const ALL_CONTEXTS: readonly ShiftContext[];
/** The set a context was written in: 1 to 10. */
export function setOf(context: ShiftContext): 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
/** The half a first-set context belonged to before the rotation, by its position in CONTEXTS: even development, odd evaluation. */
export function firstSetHalfOf(index: number): "development" | "evaluation";
/** The half a context belongs to: evaluation for set 10 (`set: 10`), else development. */
export function halfOf(context: ShiftContext): "development" | "evaluation";
/** The words of a name, lowercase. */
export function nameWords(name: string): string[];
/** A case as a name and a value (a template), or undefined when it is not one assignment or bare value. */
export function decompose(c: ExternalCase): { name: string; value: string } | undefined;
/** The file of one case in one context, expanded, or undefined when the context cannot hold it. */
export function placeCase(c: ExternalCase, context: ShiftContext, parts?: { name: string; value: string }): { path: string; text: string } | undefined;
