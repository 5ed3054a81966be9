import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { scanText } from "../../src/scan/scanner.js";

// The labeled corpora written blind (test/labeled3, test/labeled4: docs/scan.md): each file scanned as the hook scans a
// new file, at its path in the repository it stands for (the id folder dropped). A secret counts as found when a
// finding falls on its labeled lines; a file with secrets counts as found when every one of them is; a look-alike
// counts as a false alarm on any finding.

export interface LabeledSecret {
  kind: string;
  line: number;
  endLine: number;
}

export interface LabeledFile {
  path: string;
  label: "secret" | "clean";
  kind: string;
  secrets?: LabeledSecret[];
  half: "dev" | "eval";
  /** labeled4's: 1, scored untouched first; 2, look-alikes written after batch 1's overall scores. */
  batch?: number;
}

export type Half = "dev" | "eval";
export interface Floors {
  recall: number;
  fileRecall: number;
  falsePositiveRate: number;
}

export const labeledFiles = (dir: string): LabeledFile[] => (JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as { files: LabeledFile[] }).files;
/** The path in the repository a corpus file stands for: its id folder dropped. */
export const repoPath = (path: string) => path.slice(path.indexOf("/") + 1);

/** A file's type: its name when it starts with a dot or has no extension (.env.local, Dockerfile), else its extension. */
function fileType(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base.startsWith(".") || !base.includes(".")) return base;
  return base.slice(base.lastIndexOf("."));
}

type Tally = Map<string, { n: number; hit: number }>;
const count = (t: Tally, key: string, hit: boolean) => {
  const e = t.get(key) ?? { n: 0, hit: 0 };
  e.n++;
  if (hit) e.hit++;
  t.set(key, e);
};
const table = (name: string, t: Tally) =>
  `${name}:\n${[...t]
    .sort(([a, x], [b, y]) => x.hit / x.n - y.hit / y.n || a.localeCompare(b))
    .map(([k, v]) => `  ${k} ${v.hit}/${v.n}`)
    .join("\n")}`;

/** One half's scores, with its misses and false alarms (rule ids and lines, never values). */
export function scoreLabeledHalf(dir: string, half: Half, expand: (path: string, text: string) => string) {
  const files = labeledFiles(dir).filter((f) => f.half === half);
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  const perKind: Tally = new Map();
  const perType: Tally = new Map();
  const perClass: Tally = new Map();
  const perBatch: Tally = new Map();
  let secrets = 0;
  let found = 0;
  let secretFiles = 0;
  let filesFound = 0;
  let negatives = 0;
  for (const f of files) {
    const findings = scanText({ path: repoPath(f.path), text: expand(f.path, readFileSync(join(dir, f.path), "utf8")) });
    if (f.label === "secret") {
      secretFiles++;
      let all = true;
      for (const s of f.secrets ?? []) {
        secrets++;
        const hit = findings.some((x) => x.line >= s.line && x.line <= s.endLine);
        if (hit) found++;
        else {
          all = false;
          missed.push(`${f.path} (${s.kind} at ${s.line}-${s.endLine}; elsewhere: ${findings.map((x) => `${x.rule}@${x.line}`).join(",") || "none"})`);
        }
        count(perKind, s.kind, hit);
      }
      if (all) filesFound++;
      count(perType, fileType(f.path), all);
    } else {
      negatives++;
      const alarm = findings.length > 0;
      if (alarm) falseAlarms.push(`${f.path} (${f.kind}): ${findings.map((x) => `${x.rule}@${x.line}`).join(", ")}`);
      count(perClass, f.kind, !alarm);
      if (f.batch !== undefined) count(perBatch, `batch ${f.batch}`, !alarm);
      count(perType, `${fileType(f.path)} (look-alike)`, !alarm);
    }
  }
  const tables = [table("per kind", perKind), table("per file type", perType), table("per look-alike class", perClass), ...(perBatch.size > 0 ? [table("look-alikes passed, per batch", perBatch)] : [])];
  return { secrets, found, secretFiles, filesFound, negatives, recall: found / secrets, fileRecall: filesFound / secretFiles, falsePositiveRate: falseAlarms.length / negatives, missed, falseAlarms, tables };
}

/**
 * Scores a half and holds it at its floors. `name` (labeled3, labeled4) names the corpus in the summary line and in
 * its switches: NAME_SCORES=1 prints both halves' tables (scores only); NAME_DETAILS=1 prints the development half's
 * misses and false alarms, the evaluation half's never.
 */
export function expectLabeledHalfAtFloors(name: string, dir: string, half: Half, expand: (path: string, text: string) => string, floors: Floors): void {
  const s = scoreLabeledHalf(dir, half, expand);
  const env = name.toUpperCase();
  if (process.env[`${env}_DETAILS`] && half === "dev") {
    console.log([...s.missed.map((m) => `missed ${m}`), ...s.falseAlarms.map((m) => `false alarm ${m}`)].join("\n"));
  }
  if (process.env[`${env}_SCORES`] || (process.env[`${env}_DETAILS`] && half === "dev")) console.log([`${name} ${half}`, ...s.tables].join("\n"));
  console.log(
    `${name} ${half}: recall ${s.recall.toFixed(3)} (${s.found}/${s.secrets} secrets), per file ${s.fileRecall.toFixed(3)} (${s.filesFound}/${s.secretFiles}), false-positive rate ${s.falsePositiveRate.toFixed(3)} (${s.falseAlarms.length}/${s.negatives})`,
  );
  expect(s.recall, half === "dev" ? `missed: ${s.missed.join("; ")}` : "recall").toBeGreaterThanOrEqual(floors.recall);
  expect(s.fileRecall, "recall per file").toBeGreaterThanOrEqual(floors.fileRecall);
  expect(s.falsePositiveRate, half === "dev" ? `false alarms: ${s.falseAlarms.join("; ")}` : "false-positive rate").toBeLessThanOrEqual(floors.falsePositiveRate);
}
