/** One generated file of the second labeled corpus. */
export interface Labeled2File {
  id: string;
  path: string;
  /** The template, as committed. */
  content: string;
  label: "secret" | "clean";
  kind: string;
  /** Where the secret is (1-based, in the expanded text): secret files only. */
  line?: number;
  endLine?: number;
  half: "dev" | "eval";
}
export const LABELED2_DIR: string;
export function buildCorpus(): Labeled2File[];
export function expandLabeled2File(path: string, template: string): string;
export function halfOf(id: string): "dev" | "eval";
export function labelsOf(files: Labeled2File[]): string;
export function staleFiles(dir?: string): string[];
