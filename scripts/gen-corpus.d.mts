/** One generated corpus file. */
export interface CorpusFile {
  path: string;
  content: string;
  label: "secret" | "clean";
  kind: string;
}
export const CORPUS_DIR: string;
export function buildCorpus(): CorpusFile[];
export function labelsOf(files: CorpusFile[]): string;
export function staleFiles(dir?: string): string[];
