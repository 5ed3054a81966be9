import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { LABELED4_DIR, expandLabeled4File, halfOf, staleFiles } from "../../scripts/gen-labeled4.mjs";

// The fourth labeled corpus (scripts/gen-labeled4.mjs, docs/scan.md "A fourth labeled corpus: look-alikes to a finer
// grain"): each file scanned as the hook scans a new file, at its path in the repository it stands for (the id folder
// dropped). A secret counts as found when a finding falls on its labeled lines; a file with secrets counts as found when
// every one of them is; a look-alike counts as a false alarm on any finding. Scores per kind, per file type and per
// look-alike class print for both halves with LABELED4_SCORES=1 (scores only); the development half's misses and false
// alarms print with LABELED4_DETAILS=1 (rule ids and lines, no values), the evaluation half's never.

interface Secret {
  kind: string;
  line: number;
  endLine: number;
}

interface Label {
  path: string;
  label: "secret" | "clean";
  kind: string;
  secrets?: Secret[];
  half: "dev" | "eval";
  /** 1: scored untouched first; 2: look-alikes written after batch 1's overall scores, before any rule was read. */
  batch: 1 | 2;
}

type Half = "dev" | "eval";

const labels = (): Label[] => (JSON.parse(readFileSync(join(LABELED4_DIR, "labels.json"), "utf8")) as { files: Label[] }).files;
const repoPath = (path: string) => path.slice(path.indexOf("/") + 1);

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

function score(half: Half) {
  const files = labels().filter((f) => f.half === half);
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
    const findings = scanText({ path: repoPath(f.path), text: expandLabeled4File(f.path, readFileSync(join(LABELED4_DIR, f.path), "utf8")) });
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
      count(perBatch, `batch ${f.batch}`, !alarm);
      count(perType, `${fileType(f.path)} (look-alike)`, !alarm);
    }
  }
  return {
    secrets,
    found,
    secretFiles,
    filesFound,
    negatives,
    recall: found / secrets,
    fileRecall: filesFound / secretFiles,
    falsePositiveRate: falseAlarms.length / negatives,
    missed,
    falseAlarms,
    perKind,
    perType,
    perClass,
    perBatch,
  };
}

const table = (name: string, t: Tally) =>
  `${name}:\n${[...t]
    .sort(([a, x], [b, y]) => x.hit / x.n - y.hit / y.n || a.localeCompare(b))
    .map(([k, v]) => `  ${k} ${v.hit}/${v.n}`)
    .join("\n")}`;

// Measured values less a case (docs/scan.md), untouched, on src/scan at main e9f61f1 and the same at fa6de7b:
// recall per secret and per file floors, false-positive ceilings. Measured: dev 0.984 (180/183 secrets), 0.979
// (137/140 files), 0.013 (3/239 look-alikes); eval 0.964 (185/192), 0.956 (153/160), 0.018 (4/221). The development
// half's three false alarms fixed by class (docs/scan.md "The fourth labeled corpus's false alarms, spent"): 0/239.
const FLOORS: Record<Half, { recall: number; fileRecall: number; falsePositiveRate: number }> = {
  dev: { recall: 179 / 183, fileRecall: 136 / 140, falsePositiveRate: 1 / 239 },
  eval: { recall: 184 / 192, fileRecall: 152 / 160, falsePositiveRate: 5 / 221 },
};

describe("fourth labeled corpus (written blind, look-alikes to a finer grain)", () => {
  it("is what scripts/gen-labeled4.mjs generates, split by a hash of each id, and holds no token as committed", () => {
    expect(staleFiles()).toEqual([]);
    const files = labels();
    for (const f of files) expect(f.half, f.path).toBe(halfOf(f.path.slice(0, f.path.indexOf("/"))));
    // As committed, the secrets are templates: nothing is found on a secret's labeled lines.
    const asCommitted = files
      .filter((f) => f.label === "secret")
      .flatMap((f) => {
        const findings = scanText({ path: repoPath(f.path), text: readFileSync(join(LABELED4_DIR, f.path), "utf8") });
        return (f.secrets ?? []).flatMap((s) => findings.filter((x) => x.line >= s.line && x.line <= s.endLine && x.rule !== "dotenv-value"));
      });
    expect(asCommitted.map((x) => `${x.file}: ${x.rule}`)).toEqual([]);
  });

  it("has about 300 files with secrets of about 60 kinds and more look-alikes than secrets, in both halves", () => {
    const files = labels();
    const secrets = files.filter((f) => f.label === "secret");
    expect(secrets.length).toBeGreaterThanOrEqual(280);
    expect(files.length - secrets.length).toBeGreaterThanOrEqual(380);
    expect(new Set(secrets.flatMap((f) => (f.secrets ?? []).map((s) => s.kind))).size).toBeGreaterThanOrEqual(60);
    expect(secrets.filter((f) => (f.secrets ?? []).length > 1).length).toBeGreaterThanOrEqual(30);
    expect(new Set(files.filter((f) => f.label === "clean").map((f) => f.kind)).size).toBeGreaterThanOrEqual(25);
    for (const half of ["dev", "eval"]) expect(files.filter((f) => f.half === half).length).toBeGreaterThanOrEqual(320);
  });

  for (const half of ["dev", "eval"] as const) {
    it(`scores the ${half === "dev" ? "development" : "evaluation"} half at its floors`, () => {
      const s = score(half);
      if (process.env.LABELED4_DETAILS && half === "dev") {
        console.log([...s.missed.map((m) => `missed ${m}`), ...s.falseAlarms.map((m) => `false alarm ${m}`)].join("\n"));
      }
      if (process.env.LABELED4_SCORES || (process.env.LABELED4_DETAILS && half === "dev")) {
        console.log([`labeled4 ${half}`, table("per kind", s.perKind), table("per file type", s.perType), table("per look-alike class", s.perClass), table("look-alikes passed, per batch", s.perBatch)].join("\n"));
      }
      console.log(
        `labeled4 ${half}: recall ${s.recall.toFixed(3)} (${s.found}/${s.secrets} secrets), per file ${s.fileRecall.toFixed(3)} (${s.filesFound}/${s.secretFiles}), false-positive rate ${s.falsePositiveRate.toFixed(3)} (${s.falseAlarms.length}/${s.negatives})`,
      );
      expect(s.recall, half === "dev" ? `missed: ${s.missed.join("; ")}` : "recall").toBeGreaterThanOrEqual(FLOORS[half].recall);
      expect(s.fileRecall, "recall per file").toBeGreaterThanOrEqual(FLOORS[half].fileRecall);
      expect(s.falsePositiveRate, half === "dev" ? `false alarms: ${s.falseAlarms.join("; ")}` : "false-positive rate").toBeLessThanOrEqual(FLOORS[half].falsePositiveRate);
    });
  }
});
