/** A reviewed flagged file: a secret after all, or a false alarm of a named class. */
export interface Review {
  verdict: "secret" | "false alarm";
  class: string;
}
/** Every committed file a scan flagged, by `repo:path`. */
export const REVIEWED: Readonly<Record<string, Review>>;
/** test/config-corpus/sources.json. */
export function loadConfigSources(): { repos: Array<{ repo: string; commit: string; license: string; committed: boolean; files: string[] }> };
/** The committed config files. */
export function configCorpusFiles(): Array<{ repo: string; path: string; text: string }>;
/** A vendor's published example key: `doc` names it in src/scan/documented-examples.json, or `value` holds it. */
export function vendorExamples(): Array<{ doc?: string; value?: string; vendor: string; source: string; allowListedBy: string; path: string; context: string }>;
