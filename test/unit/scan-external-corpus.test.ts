import { readFileSync, writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { CASES_FILE, buildExternalCorpus, expandExternalFile, loadCases } from "../../scripts/gen-external-corpus.mjs";
import { describeLocalCorpus } from "../helpers/local-corpus.js";

interface FamilyScore {
  family: string;
  claimed: boolean;
  positives: number;
  found: number;
  negatives: number;
  falseAlarms: number;
  placeholders: number;
}

/**
 * Scans every file of the external corpus (other scanners' published cases, each in a realistic
 * file) and scores it per family. True-positive cases that are placeholders (`XXXX`, `EXAMPLE`)
 * and the disputed false positives (DISPUTED, each with its reason) are counted apart, as the
 * issue's measure removed placeholders and malformed samples.
 */
function scoreExternal() {
  const families = new Map<string, FamilyScore>();
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  for (const f of buildExternalCorpus()) {
    const s = families.get(f.family) ?? { family: f.family, claimed: f.claimed, positives: 0, found: 0, negatives: 0, falseAlarms: 0, placeholders: 0 };
    families.set(f.family, s);
    if ((f.label === "tp" && f.placeholder) || f.disputed) {
      s.placeholders++;
      continue;
    }
    const findings = scanText({ path: f.path, text: expandExternalFile(f) });
    if (f.label === "tp") {
      s.positives++;
      if (findings.length > 0) s.found++;
      else missed.push(`${f.path} (${f.rule})`);
    } else {
      s.negatives++;
      if (findings.length > 0) {
        s.falseAlarms++;
        falseAlarms.push(`${f.path} (${f.rule}): ${findings.map((x) => `${x.rule}@${x.line}`).join(", ")}`);
      }
    }
  }
  const total = (pick: (s: FamilyScore) => boolean) => {
    const list = [...families.values()].filter(pick);
    const positives = list.reduce((n, s) => n + s.positives, 0);
    const found = list.reduce((n, s) => n + s.found, 0);
    const negatives = list.reduce((n, s) => n + s.negatives, 0);
    const alarms = list.reduce((n, s) => n + s.falseAlarms, 0);
    return { families: list.length, positives, found, negatives, alarms, recall: found / positives, falsePositiveRate: negatives ? alarms / negatives : 0 };
  };
  return { families, missed, falseAlarms, claimed: total((s) => s.claimed), all: total(() => true) };
}

describeLocalCorpus("external corpus (other scanners' published test cases)", [CASES_FILE], () => {
  const score = scoreExternal();

  it("is broad: at least 100 families and 1,500 cases, from four scanners, none token-shaped as committed", () => {
    const { cases, sources } = loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(1500);
    expect(score.families.size).toBeGreaterThanOrEqual(100);
    expect(Object.keys(sources).sort()).toEqual(["detect-secrets", "gitleaks", "secretlint", "trufflehog"]);
    expect(cases.filter((c) => c.label === "fp").length).toBeGreaterThanOrEqual(200);
    // As committed, the file holds templates: where a rule matches a line, the line has no random
    // run of 10 or more characters outside its templates (what matches is a fake in words:
    // `cafebabe:deadbeef`, a GitLab prefix followed by `Need5_T00-be-exactly-40-chars`).
    const text = readFileSync(CASES_FILE, "utf8");
    const lines = text.split("\n");
    const randomRun = (line: string) => (line.replace(/«[^»]*»/g, " ").match(/[A-Za-z0-9]{10,}/g) ?? []).some((run) => new Set(run).size >= 8 && /\d/.test(run) && /[A-Za-z]/.test(run));
    const tokenShaped = scanText({ path: "cases.json", text }).filter((x) => randomRun(lines[x.line - 1] ?? ""));
    expect(tokenShaped.map((x) => `${x.line}: ${x.rule}`)).toEqual([]);
  });

  it("finds what backpack claims (recall >= 0.98) with few false alarms (<= 0.03), and 0.80 of every family", () => {
    const pct = (v: number) => v.toFixed(3);
    // Printed so the run shows the numbers docs/scan.md quotes; EXTERNAL_DETAILS=FILE writes every miss and false alarm.
    console.log(`external corpus, claimed families (${score.claimed.families}): recall ${pct(score.claimed.recall)} (${score.claimed.found}/${score.claimed.positives}), false-positive rate ${pct(score.claimed.falsePositiveRate)} (${score.claimed.alarms}/${score.claimed.negatives})`);
    console.log(`external corpus, every family (${score.all.families}): recall ${pct(score.all.recall)} (${score.all.found}/${score.all.positives}), false-positive rate ${pct(score.all.falsePositiveRate)} (${score.all.alarms}/${score.all.negatives})`);
    if (process.env.EXTERNAL_DETAILS) writeFileSync(process.env.EXTERNAL_DETAILS, [...score.missed.map((m) => `missed ${m}`), ...score.falseAlarms.map((m) => `false alarm ${m}`)].join("\n"));
    const claimedMissed = score.missed.filter((m) => score.families.get(m.split("/")[1]?.replace(/^\d+-/, "") ?? "")?.claimed);
    expect(score.claimed.recall, `missed: ${claimedMissed.slice(0, 40).join("; ")}`).toBeGreaterThanOrEqual(0.98);
    const claimedAlarms = score.falseAlarms.filter((m) => score.families.get(m.split("/")[1]?.replace(/^\d+-/, "") ?? "")?.claimed);
    expect(score.claimed.falsePositiveRate, `false alarms: ${claimedAlarms.slice(0, 40).join("; ")}`).toBeLessThanOrEqual(0.03);
    expect(score.all.recall, `missed: ${score.missed.slice(0, 40).join("; ")}`).toBeGreaterThanOrEqual(0.8);
    // Floors at the measured values less a case (issue #15's ninth round: claimed 0.993, 438/441; every family 0.975,
    // 2407/2469, 8 false alarms of 409), above the targets: a change that loses what the rules find shows here.
    expect(score.claimed.recall).toBeGreaterThanOrEqual(0.99);
    expect(score.all.recall).toBeGreaterThanOrEqual(0.974);
    expect(score.all.alarms).toBeLessThanOrEqual(9);
  });

  it("scores each claimed family on its own: none below 0.90 recall", () => {
    const weak = [...score.families.values()].filter((s) => s.claimed && s.positives >= 3 && s.found / s.positives < 0.9).map((s) => `${s.family} ${s.found}/${s.positives}`);
    expect(weak).toEqual([]);
  });
});
