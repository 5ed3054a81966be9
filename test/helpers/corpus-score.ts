/**
 * Scoring a corpus of other scanners' cases (scripts/gen-external-corpus.mjs) per source, claimed
 * families apart, placeholders and disputed look-alikes set apart, as the corpora tests report it.
 */
import { expect } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { buildExternalCorpus, expandExternalFile, loadCases } from "../../scripts/gen-external-corpus.mjs";

/** Cases and how many of them backpack flagged. */
export interface Score {
  positives: number;
  found: number;
  negatives: number;
  alarms: number;
}

/** Scores by `"<source> all"` and `"<source> claimed"`, with what went wrong on claimed families. */
export interface SourceScores {
  get(key: string): Score;
  recall(key: string): number;
  fpr(key: string): number;
  /** `missed PATH (RULE)` or `false alarm PATH (RULE)` for each wrong verdict on a claimed family. */
  claimedWrong: string[];
}

/** Scores under keys, tallied case by case (`tp` a secret, any other label a look-alike). */
export class ScoreTally {
  private readonly scores = new Map<string, Score>();

  get = (key: string): Score => this.scores.get(key) ?? { positives: 0, found: 0, negatives: 0, alarms: 0 };

  has = (key: string): boolean => this.scores.has(key);

  keys = (): IterableIterator<string> => this.scores.keys();

  /** Counts one case under each of `keys`. */
  add(keys: readonly string[], label: string, hit: boolean): void {
    for (const key of keys) {
      const s = this.get(key);
      this.scores.set(key, s);
      if (label === "tp") {
        s.positives++;
        if (hit) s.found++;
      } else {
        s.negatives++;
        if (hit) s.alarms++;
      }
    }
  }

  recall = (key: string): number => this.get(key).found / this.get(key).positives;

  fpr = (key: string): number => (this.get(key).negatives ? this.get(key).alarms / this.get(key).negatives : 0);
}

/**
 * Scans every case of the corpus file `file` in its realistic file and scores it per source;
 * `keepDisputed` counts the disputed look-alikes (set apart by default) as look-alikes.
 */
export function scoreBySource(file: string, { keepDisputed = false } = {}): SourceScores {
  const tally = new ScoreTally();
  const claimedWrong: string[] = [];
  for (const f of buildExternalCorpus(loadCases(file))) {
    if ((f.label === "tp" && f.placeholder) || (f.disputed && !keepDisputed)) continue;
    const hit = scanText({ path: f.path, text: expandExternalFile(f) }).length > 0;
    if (f.claimed && hit !== (f.label === "tp")) claimedWrong.push(`${f.label === "tp" ? "missed" : "false alarm"} ${f.path} (${f.rule})`);
    tally.add([`${f.src} all`, ...(f.claimed ? [`${f.src} claimed`] : [])], f.label, hit);
  }
  return { get: tally.get, recall: tally.recall, fpr: tally.fpr, claimedWrong };
}

/** A score as the corpus tests print it: `recall 0.950 (19/20), false-positive rate 0.000 (0/9)`. */
export function scoreLine(s: Score): string {
  const ratio = (n: number, d: number) => (d ? n / d : 0).toFixed(3);
  return `recall ${ratio(s.found, s.positives)} (${s.found}/${s.positives}), false-positive rate ${ratio(s.alarms, s.negatives)} (${s.alarms}/${s.negatives})`;
}

/** Holds each key's recall at or above its floor and its false-positive rate at or below its ceiling. */
export function expectFloors(floors: ReadonlyArray<[key: string, recallFloor: number, fprCeiling: number]>, scores: Pick<SourceScores, "recall" | "fpr">): void {
  for (const [key, recallFloor, fprCeiling] of floors) {
    expect(scores.recall(key), key).toBeGreaterThanOrEqual(recallFloor - 1e-9);
    expect(scores.fpr(key), key).toBeLessThanOrEqual(fprCeiling + 1e-9);
  }
}
