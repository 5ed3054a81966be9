import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { EVAL_FILE, loadCases } from "../../scripts/gen-external-corpus.mjs";
import { scoreBySource } from "../helpers/corpus-score.js";
import { describeLocalCorpus } from "../helpers/local-corpus.js";

/**
 * The evaluation corpus (scripts/harvest-eval-cases.mjs): leaktk's fake-leaks (files sorted into
 * valid/ and invalid/ by their authors), betterleaks' own rule cases (those gitleaks' harvested
 * commit and the other corpora lack) and leaky-repo's leaked files (secrets only). fake-leaks and
 * betterleaks are development sources (issue #15): their misses and false alarms are read and fixed by
 * class. Nobody tunes the rules to leaky-repo: only its scores are read, never which cases are missed. Scored per source, claimed families apart, placeholders and disputed look-alikes set apart
 * as in scan-external-corpus.test.ts.
 */
describeLocalCorpus("evaluation corpus (leaktk's fake-leaks, betterleaks' own rule cases, leaky-repo)", [EVAL_FILE], () => {
  const { get, recall, fpr } = scoreBySource(EVAL_FILE);
  const counted = scoreBySource(EVAL_FILE, { keepDisputed: true });

  it("comes from three sources at recorded commits, permissively licensed, as templates only", () => {
    const { sources, cases } = loadCases(EVAL_FILE);
    expect(Object.keys(sources).sort()).toEqual(["betterleaks", "fake-leaks", "leaky-repo"]);
    for (const [name, s] of Object.entries(sources)) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.license).toBe("MIT");
      // fake-leaks and betterleaks are development sources since issue #15's ninth and tenth rounds (their
      // misses and false alarms read, fixed by class); leaky-repo stays held out: only its scores are read.
      expect(s.role).toBe(name === "leaky-repo" ? "evaluation: only scores read" : "development: misses read and fixed by class");
    }
    for (const src of ["fake-leaks", "betterleaks"]) {
      for (const label of ["tp", "fp"]) expect(cases.filter((c) => c.src === src && c.label === label).length).toBeGreaterThanOrEqual(100);
    }
    // leaky-repo: whole files a developer leaks, secrets only.
    expect(cases.filter((c) => c.src === "leaky-repo" && c.label === "tp").length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.family)).size).toBeGreaterThanOrEqual(100);
    // As committed, no line a rule matches holds a random run outside its templates (the sources'
    // own placeholders, `abcd1234abcd…`, `012345abcdef`, are kept literally).
    const text = readFileSync(EVAL_FILE, "utf8");
    const lines = text.split("\n");
    const randomRun = (line: string) => (line.replace(/«[^»]*»/g, " ").match(/[A-Za-z0-9]{10,}/g) ?? []).some((run) => new Set(run).size >= 8 && /\d/.test(run) && /[A-Za-z]/.test(run) && !/abcd|1234|0123/i.test(run));
    const tokenShaped = scanText({ path: "eval.json", text }).filter((x) => randomRun(lines[x.line - 1] ?? ""));
    expect(tokenShaped.map((x) => `${x.line}: ${x.rule}`)).toEqual([]);
  });

  it("scores each source (the numbers docs/scan.md quotes), and does not fall back", () => {
    for (const key of ["fake-leaks claimed", "fake-leaks all", "betterleaks claimed", "betterleaks all", "leaky-repo claimed", "leaky-repo all"]) {
      const s = get(key);
      console.log(`evaluation ${key}: recall ${recall(key).toFixed(3)} (${s.found}/${s.positives}), false-positive rate ${fpr(key).toFixed(3)} (${s.alarms}/${s.negatives})`);
    }
    // betterleaks' negatives that test an edge with a random value assigned to a secret's name (DISPUTED in
    // gen-external-corpus.mjs), counted too.
    for (const key of ["betterleaks claimed", "betterleaks all"]) {
      const s = counted.get(key);
      console.log(`evaluation ${key}, edge look-alikes counted: false-positive rate ${counted.fpr(key).toFixed(3)} (${s.alarms}/${s.negatives})`);
    }
    // Floors at the measured values less a case or two: a change that loses ground shows here. Raise them when
    // the rules get better. leaky-repo is held out (2026-12-06, main at 6381ada: 0.783 (18/23) claimed, 0.781
    // (25/32) every family): never read which of its cases they are. fake-leaks, a development source since the
    // ninth round: 0.992 (124/125) / 0.027 (2/73) claimed, 0.927 (178/192) / 0.026 (3/117) every family.
    // betterleaks, a development source since the tenth round (docs/scan.md), with its identifiers and harvest
    // defects set apart and its edge look-alikes judged by class (scripts/gen-external-corpus.mjs): 1.000
    // (22/22) / 0 (0/28) claimed, 0.948 (109/115) / 0.050 (12/240) every family; 0.176 (6/34) and 0.238
    // (72/302) with every edge look-alike counted.
    expect(recall("fake-leaks claimed")).toBeGreaterThanOrEqual(0.984);
    expect(recall("fake-leaks all")).toBeGreaterThanOrEqual(0.921);
    expect(recall("betterleaks claimed")).toBeGreaterThanOrEqual(0.954);
    expect(recall("betterleaks all")).toBeGreaterThanOrEqual(0.939);
    expect(fpr("fake-leaks claimed")).toBeLessThanOrEqual(0.042);
    expect(fpr("fake-leaks all")).toBeLessThanOrEqual(0.035);
    expect(fpr("betterleaks claimed")).toBeLessThanOrEqual(0.036);
    expect(fpr("betterleaks all")).toBeLessThanOrEqual(0.055);
    expect(recall("leaky-repo claimed")).toBeGreaterThanOrEqual(0.73);
    expect(recall("leaky-repo all")).toBeGreaterThanOrEqual(0.74);
    expect(counted.fpr("betterleaks claimed")).toBeLessThanOrEqual(0.206);
    expect(counted.fpr("betterleaks all")).toBeLessThanOrEqual(0.242);
  });
});
