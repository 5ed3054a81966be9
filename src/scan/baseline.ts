/**
 * Baselines: the findings accepted on a given day, so a scan reports only new
 * ones (adopting the scanner in a repository that already has history). A
 * baseline records file, rule, line and fingerprint, never a secret; it is
 * matched on file and fingerprint, so it survives lines moving.
 */
import { READ_LIMITS, readTextBounded } from "../io/bounded-read.js";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { baselineKey } from "./allow.js";
import type { Finding } from "./scanner.js";

/** The file format (JSON). */
export interface BaselineFile {
  version: 1;
  findings: Array<{ file: string; rule: string; line: number; fingerprint: string; commit?: string }>;
}

/** Reads a baseline as a set of `file\0fingerprint` keys. A missing or damaged file is an error: fail closed. */
export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readTextBounded(path, { limit: READ_LIMITS.config, label: `baseline ${path}` });
  } catch (error) {
    if (error instanceof BackpackError && error.code !== "NOT_FOUND" && error.code !== "IO") throw error;
    if (error instanceof BackpackError && error.code === "NOT_FOUND") {
      throw new BackpackError("NOT_FOUND", `baseline ${path} does not exist`, `create it with \`backpack scan --baseline ${path} --update-baseline\``);
    }
    throw new BackpackError("IO", `cannot read baseline ${path}`, "check the file's permissions");
  }
  let data: BaselineFile;
  try {
    data = JSON.parse(text) as BaselineFile;
  } catch {
    throw new BackpackError("INVALID_FILE", `baseline ${path} is not valid JSON`, `recreate it with \`backpack scan --baseline ${path} --update-baseline\``);
  }
  if (data?.version !== 1 || !Array.isArray(data.findings) || !data.findings.every((f) => typeof f?.file === "string" && typeof f?.fingerprint === "string")) {
    throw new BackpackError("INVALID_FILE", `baseline ${path} is not a backpack baseline (version 1)`, `recreate it with \`backpack scan --baseline ${path} --update-baseline\``);
  }
  return new Set(data.findings.map((f) => baselineKey(f.file, f.fingerprint)));
}

/** The baseline text for these findings: sorted, one finding per line, so it diffs well. */
export function renderBaseline(findings: readonly Finding[]): string {
  const rows = findings
    .map((f) => ({ file: f.file, rule: f.rule, line: f.line, fingerprint: f.fingerprint, ...(f.commit ? { commit: f.commit } : {}) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  return `{\n  "version": 1,\n  "findings": [${rows.map((r) => `\n    ${JSON.stringify(r)}`).join(",")}${rows.length ? "\n  " : ""}]\n}\n`;
}

/** Writes a baseline atomically. */
export function writeBaseline(path: string, findings: readonly Finding[]): void {
  writeFileAtomic(path, renderBaseline(findings));
}
