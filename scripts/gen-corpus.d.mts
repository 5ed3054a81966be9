/** One generated corpus file. */
export interface CorpusFile {
  path: string;
  /** The template, as committed. */
  content: string;
  label: "secret" | "clean";
  kind: string;
}
export const CORPUS_DIR: string;
export function buildCorpus(): CorpusFile[];
export function expandCorpusFile(path: string, template: string): string;
export function labelsOf(files: CorpusFile[]): string;
export function staleFiles(dir?: string): string[];
