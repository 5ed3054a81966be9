import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { HELDOUT_FILE, loadCases } from "../../scripts/gen-external-corpus.mjs";
import { scoreBySource } from "../helpers/corpus-score.js";
import { describeLocalCorpus } from "../helpers/local-corpus.js";

/**
 * The held-out corpus (scripts/harvest-heldout-cases.mjs): Nosey Parker's and Kingfisher's rule
 * examples, which the rules were not first written from. Both are development sources: their misses
 * are read and fixed by class, never by fitting one case (Kingfisher's were only counted until the
 * ninth round of issue #15, when it became one; the evaluation source is kept elsewhere). Scored per
 * source, claimed families apart, placeholders and disputed look-alikes set apart as in
 * scan-external-corpus.test.ts.
 */
describeLocalCorpus("held-out corpus (Nosey Parker's and Kingfisher's rule examples)", [HELDOUT_FILE], () => {
  const { get, recall, fpr } = scoreBySource(HELDOUT_FILE);

  it("comes from two scanners at recorded commits, as templates only", () => {
    const { sources, cases } = loadCases(HELDOUT_FILE);
    expect(Object.keys(sources).sort()).toEqual(["kingfisher", "noseyparker"]);
    for (const s of Object.values(sources)) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.license).toBe("Apache-2.0");
    }
    expect(cases.filter((c) => c.src === "noseyparker").length).toBeGreaterThanOrEqual(500);
    expect(cases.filter((c) => c.src === "kingfisher").length).toBeGreaterThanOrEqual(1300);
    // As committed, no line a rule matches holds a random run outside its templates (the sources'
    // own placeholders, `abcd1234abcd…`, `012345abcdef`, are kept literally).
    const text = readFileSync(HELDOUT_FILE, "utf8");
    const lines = text.split("\n");
    const randomRun = (line: string) => (line.replace(/«[^»]*»/g, " ").match(/[A-Za-z0-9]{10,}/g) ?? []).some((run) => new Set(run).size >= 8 && /\d/.test(run) && /[A-Za-z]/.test(run) && !/abcd|1234|0123/i.test(run));
    const tokenShaped = scanText({ path: "heldout.json", text }).filter((x) => randomRun(lines[x.line - 1] ?? ""));
    expect(tokenShaped.map((x) => `${x.line}: ${x.rule}`)).toEqual([]);
  });

  it("scores each source (the numbers docs/scan.md quotes), and does not fall back", () => {
    for (const key of ["noseyparker claimed", "noseyparker all", "kingfisher claimed", "kingfisher all"]) {
      const s = get(key);
      console.log(`held-out ${key}: recall ${recall(key).toFixed(3)} (${s.found}/${s.positives}), false-positive rate ${fpr(key).toFixed(3)} (${s.alarms}/${s.negatives})`);
    }
    // Floors at the measured values less a case (2026-12-06, third round; Kingfisher's every family 0.791 after the
    // vendor-context round, 0.800 (690/863) after the sixth round's vendors, 0.808 (697/863) after the seventh's names
    // and shapes; the ninth round, with Kingfisher a development source, its placeholders and malformed samples set
    // apart: claimed 1.000 (90/90), every family 0.894 (763/853); Nosey Parker 0.980 (96/98) and 0.937 (298/318);
    // the trufflehog round's vendor-word-token, Kingfisher's every family 0.898 (766/853)):
    // a change that loses recall on these cases shows here. Raise them when the rules get better.
    expect(recall("noseyparker claimed")).toBeGreaterThanOrEqual(0.969);
    expect(recall("kingfisher claimed")).toBeGreaterThanOrEqual(0.988);
    expect(recall("noseyparker all")).toBeGreaterThanOrEqual(0.933);
    expect(recall("kingfisher all")).toBeGreaterThanOrEqual(0.896);
    expect(fpr("kingfisher all")).toBe(0);
    expect(fpr("noseyparker claimed")).toBeLessThanOrEqual(0.02);
    expect(fpr("kingfisher claimed")).toBe(0);
    expect(fpr("noseyparker all")).toBeLessThanOrEqual(0.044);
  });
});
