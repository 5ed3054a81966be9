/** A reviewed flagged file: a secret after all, or a false alarm of a named class. */
export interface Review {
  verdict: "secret" | "false alarm";
  class: string;
}
/** Every harvested file a scan flagged, by `repo:path`. */
export const REVIEWED: Readonly<Record<string, Review>>;
/** test/config-corpus/sources.json. */
export function loadConfigSources(): { repos: Array<{ repo: string; commit: string; license: string; committed: boolean; files: string[] }> };
/** The harvested files' place on this machine, and whether they are there. */
export const CONFIG_CORPUS_FILES: { path: string; present: boolean };
/** The harvested config files, or null when they are not on this machine. */
export function configCorpusFiles(): Array<{ repo: string; path: string; text: string }> | null;
/** A vendor's published example key: `doc` names it in src/scan/documented-examples.json, or `value` holds it. */
export function vendorExamples(): Array<{ doc?: string; value?: string; vendor: string; source: string; allowListedBy: string; path: string; context: string }>;
