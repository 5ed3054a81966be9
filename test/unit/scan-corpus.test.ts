import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { CORPUS_DIR, expandCorpusFile, staleFiles } from "../../scripts/gen-corpus.mjs";

interface Label {
  path: string;
  label: "secret" | "clean";
  kind: string;
}

/** Scans every corpus file (expanded from its template) as the hook would, and scores it against its label. */
function scoreCorpus() {
  const { files } = JSON.parse(readFileSync(join(CORPUS_DIR, "labels.json"), "utf8")) as { files: Label[] };
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  for (const f of files) {
    const findings = scanText({ path: f.path, text: expandCorpusFile(f.path, readFileSync(join(CORPUS_DIR, f.path), "utf8")) });
    if (f.label === "secret" && findings.length === 0) missed.push(`${f.path} (${f.kind})`);
    if (f.label === "clean" && findings.length > 0) falseAlarms.push(`${f.path}: ${findings.map((x) => `${x.rule}@${x.line}`).join(", ")}`);
  }
  const positives = files.filter((f) => f.label === "secret").length;
  const negatives = files.length - positives;
  return { positives, negatives, recall: (positives - missed.length) / positives, falsePositiveRate: falseAlarms.length / negatives, missed, falseAlarms, kinds: new Set(files.map((f) => f.path.replace(/^.*?\d-/, ""))).size };
}

describe("labeled corpus", () => {
  it("is what scripts/gen-corpus.mjs generates, and holds no token-shaped string as committed", () => {
    expect(staleFiles()).toEqual([]);
    const { files } = JSON.parse(readFileSync(join(CORPUS_DIR, "labels.json"), "utf8")) as { files: Label[] };
    // (.env files are reported whatever their values; the project's backpack.toml allows test/corpus/** for them.)
    const asCommitted = files.flatMap((f) => scanText({ path: f.path, text: readFileSync(join(CORPUS_DIR, f.path), "utf8") })).filter((x) => x.rule !== "dotenv-value");
    expect(asCommitted.map((x) => `${x.file}: ${x.rule}`)).toEqual([]);
  });

  it("has at least 150 files with a secret and 150 without, across many file types", () => {
    const score = scoreCorpus();
    expect(score.positives).toBeGreaterThanOrEqual(150);
    expect(score.negatives).toBeGreaterThanOrEqual(150);
    expect(score.kinds).toBeGreaterThanOrEqual(30);
  });

  it("finds the secrets (recall >= 0.95) with few false alarms (false-positive rate <= 0.03)", () => {
    const score = scoreCorpus();
    // Printed so `npx vitest run test/unit/scan-corpus.test.ts` shows the numbers docs/scan.md quotes.
    if (process.env.CORPUS_DETAILS) console.log([...score.missed.map((m) => `missed ${m}`), ...score.falseAlarms.map((m) => `false alarm ${m}`)].join("\n"));
    console.log(`corpus: recall ${score.recall.toFixed(3)} (${score.positives - score.missed.length}/${score.positives}), false-positive rate ${score.falsePositiveRate.toFixed(3)} (${score.falseAlarms.length}/${score.negatives})`);
    expect(score.recall, `missed: ${score.missed.join("; ")}`).toBeGreaterThanOrEqual(0.95);
    expect(score.falsePositiveRate, `false alarms: ${score.falseAlarms.join("; ")}`).toBeLessThanOrEqual(0.03);
  });
});
