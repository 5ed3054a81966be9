/** One secret in a file of the fourth labeled corpus. */
export interface Labeled4Secret {
  kind: string;
  /** Where the secret is (1-based, in the expanded text). */
  line: number;
  endLine: number;
}
/** One generated file of the fourth labeled corpus. */
export interface Labeled4File {
  id: string;
  path: string;
  /** The template, as committed. */
  content: string;
  label: "secret" | "clean";
  /** A secret file's kind (the secret's, or "multiple"); a look-alike's class. */
  kind: string;
  /** Secret files only: each secret's kind and lines. */
  secrets?: Labeled4Secret[];
  half: "dev" | "eval";
}
export const LABELED4_DIR: string;
export function buildCorpus(): Labeled4File[];
export function expandLabeled4File(path: string, template: string): string;
export function halfOf(id: string): "dev" | "eval";
export function labelsOf(files: Labeled4File[]): string;
export function staleFiles(dir?: string): string[];
