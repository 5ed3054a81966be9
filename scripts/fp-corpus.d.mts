/** One scored look-alike of the held-out corpus. */
export interface FpItem {
  /** "written", "noseyparker", "this project" or "public files (local)". */
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
/** Where the fetched files' corpora live ($BACKPACK_CORPORA, default <checkout>/../corpora). */
export const CORPORA: string;
/** The fetched files' directory: CORPORA/fp-corpus. */
export const LOCAL_ROOT: string;
/** test/fp-corpus/sources.json. */
export function loadFpSources(): { files: FpFile[]; noseyparker: { cases: Array<{ rule: string; text: string; path: string; anotherRulesPositive?: boolean }> } };
/** LOCAL_ROOT/sources.json, or undefined where the fetched files were not harvested. */
export function loadLocalFpSources(): { files: FpFile[] } | undefined;
/** Every committed look-alike: the written files, Nosey Parker's cases, this project's lockfile. */
export function fpCorpusItems(): FpItem[];
/** The fetched public files, or undefined where they were not harvested. */
export function fpLocalItems(): FpItem[] | undefined;
