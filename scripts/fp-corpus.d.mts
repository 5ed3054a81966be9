/** One scored look-alike of the held-out corpus. */
export interface FpItem {
  /** "written", "this project", "public files (local)" or "noseyparker (local)". */
  source: string;
  /** Where to write it, keeping the file's own name. */
  path: string;
  label: string;
  text: string;
}
/** A file's entry in a sources.json. */
export interface FpFile {
  file: string;
  repo: string;
  kind: string;
  /** A written file: the fetched files (repository and path) whose shape it follows. */
  shapeOf?: string[];
}
/** Cases set apart from the score, with the reason (a secret after all). */
export const DISPUTED: Readonly<Record<string, string>>;
/** The fetched files' directory: fp-corpus of the local corpora (scripts/local-corpora.mjs). */
export const LOCAL_ROOT: string;
/** test/fp-corpus/sources.json. */
export function loadFpSources(): { files: FpFile[] };
/** LOCAL_ROOT/sources.json (the fetched files and Nosey Parker's cases), or undefined where they were not harvested. */
export function loadLocalFpSources(): { files: FpFile[]; noseyparker?: { cases: Array<{ rule: string; text: string; path: string; anotherRulesPositive?: boolean }> } } | undefined;
/** Every committed look-alike: the written files and this project's lockfile. */
export function fpCorpusItems(): FpItem[];
/** The fetched public files and Nosey Parker's cases, or undefined where they were not harvested. */
export function fpLocalItems(): FpItem[] | undefined;
