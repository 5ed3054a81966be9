/** The role of an evaluation case: only its scores are read. */
export const EVALUATION: string;
/** The role of a development case: its misses and false alarms are read and fixed by class. */
export const DEVELOPMENT: string;
/** The role of a case by the fixed rule: SHA-256 of its source, rule, label and text, first byte below 128 evaluation. */
export function roleOf(c: { src: string; rule: string; label: string; text: string }): string;
