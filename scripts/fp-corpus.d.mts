/** One scored look-alike of the held-out corpus. */
export interface FpItem {
  /** "public files", "written" or "noseyparker". */
  source: string;
  /** Where to write it, keeping the file's own name. */
  path: string;
  label: string;
  text: string;
}
/** Cases set apart from the score, with the reason (a secret after all). */
export const DISPUTED: Readonly<Record<string, string>>;
/** test/fp-corpus/sources.json. */
export function loadFpSources(): { files: Array<{ file: string; repo: string; kind: string }>; noseyparker: { cases: Array<{ rule: string; text: string; path: string; anotherRulesPositive?: boolean }> } };
/** Every scored look-alike. */
export function fpCorpusItems(): FpItem[];
