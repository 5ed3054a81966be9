import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { SAST_FILE, loadCases } from "../../scripts/gen-external-corpus.mjs";
import { READ_AFTER_THE_RULE, assignRoles } from "../../scripts/harvest-sast-cases.mjs";
import { expectFloors, scoreBySource, scoreLine } from "../helpers/corpus-score.js";
import { describeLocalCorpus } from "../helpers/local-corpus.js";

const EVALUATION = "evaluation: only scores read";
const DEVELOPMENT = "development: misses read and fixed by class";

/**
 * The SAST corpus (scripts/harvest-sast-cases.mjs): the hard-coded-credential test cases of gosec (G101's Go
 * programs), bandit (B105-B107's examples) and horusec (its leaks engine's vulnerable and safe samples), and
 * of two scanners not harvested before, IBM's detect-secrets (the cases Yelp's lacks) and
 * eslint-plugin-no-secrets. Each source's role was fixed by a rule before any miss was read (the SHA-256 of
 * its repository's name, evaluation sources first until they hold a third of the cases): of an evaluation
 * source only the scores are read, never which cases it misses; a development source's misses and false
 * alarms are read and fixed by class. gosec, an evaluation source by the rule, is a development one since its
 * misses became known (READ_AFTER_THE_RULE). Scored per source, claimed families apart, placeholders and
 * identifiers set apart as in scan-external-corpus.test.ts.
 */
describeLocalCorpus("SAST corpus (gosec, bandit, horusec, IBM's detect-secrets, eslint-plugin-no-secrets)", [SAST_FILE], () => {
  const { get, recall, fpr, claimedWrong } = scoreBySource(SAST_FILE);
  const { sources, cases } = loadCases(SAST_FILE) as { sources: Record<string, { repo: string; license: string; role: string; commit: string }>; cases: { src: string; label: string }[] };
  const names = Object.keys(sources).sort();
  const role = (src: string): string => sources[src]?.role ?? "";

  it("comes from five sources at recorded commits, permissively licensed, as templates only, roles by the fixed rule and gosec read since", () => {
    expect(names).toEqual(["bandit", "gosec", "horusec", "ibm-detect-secrets", "no-secrets"]);
    for (const s of Object.values(sources)) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(["Apache-2.0", "MIT"]).toContain(s.license);
    }
    // Each source gives secrets and look-alikes.
    for (const src of names) for (const label of ["tp", "fp"]) expect(cases.some((c) => c.src === src && c.label === label)).toBe(true);
    // The roles are the rule's, recomputed from the counts: evaluation sources hold a third of the cases or more.
    const counts = Object.fromEntries(names.map((s) => [s, cases.filter((c) => c.src === s).length]));
    const repos = Object.fromEntries(names.map((s) => [s, sources[s]?.repo ?? ""]));
    const roles = assignRoles(counts, repos);
    for (const s of names) expect(role(s)).toBe(roles[s]);
    // The rule alone gave gosec, bandit and horusec, a third of the cases and more ...
    const byRule = assignRoles(counts, repos, {});
    expect(names.filter((s) => byRule[s] === EVALUATION)).toEqual(["bandit", "gosec", "horusec"]);
    expect(cases.filter((c) => byRule[c.src] === EVALUATION).length * 3).toBeGreaterThanOrEqual(cases.length);
    // ... and gosec's misses became known after (READ_AFTER_THE_RULE says how): a development source since, and no
    // other source takes its place (every development source's misses have been read).
    expect(Object.keys(READ_AFTER_THE_RULE)).toEqual(["gosec"]);
    expect(names.filter((s) => role(s) === EVALUATION)).toEqual(["bandit", "horusec"]);
    expect(names.filter((s) => role(s) === DEVELOPMENT)).toEqual(["gosec", "ibm-detect-secrets", "no-secrets"]);
    // As committed, no line a rule matches holds a random run outside its templates.
    const text = readFileSync(SAST_FILE, "utf8");
    const lines = text.split("\n");
    const randomRun = (line: string) => (line.replace(/«[^»]*»|"path":"[^"]*"/g, " ").match(/[A-Za-z0-9]{10,}/g) ?? []).some((run) => new Set(run).size >= 8 && /\d/.test(run) && /[A-Za-z]/.test(run) && !/abcd|1234|0123/i.test(run));
    const tokenShaped = scanText({ path: "sast.json", text }).filter((x) => randomRun(lines[x.line - 1] ?? ""));
    expect(tokenShaped.map((x) => `${x.line}: ${x.rule}`)).toEqual([]);
  });

  it("scores each source (the numbers docs/scan.md quotes), and does not fall back", () => {
    for (const src of names) {
      for (const scope of ["claimed", "all"]) {
        const key = `${src} ${scope}`;
        const s = get(key);
        console.log(`SAST corpus (${role(src).split(":")[0]}) ${key}: ${scoreLine(s)}`);
      }
    }
    // What went wrong is printed for development sources only: an evaluation source's misses are never read.
    const development = names.filter((s) => role(s) === DEVELOPMENT);
    const wrong = claimedWrong.filter((w) => development.some((s) => w.includes(`(${s}/`)));
    if (wrong.length) console.log(wrong.join("\n"));
    // Floors at the measured values less a case: a change that loses ground shows here. Raise them when the
    // rules get better (docs/scan.md, "SAST corpus"). Measured 2026-12-06 on main at ed78661, no rule changed:
    // gosec 0.778 (21/27) / 0 (0/9), every case in a claimed family; bandit 0.133 (2/15) / 0 (0/4), generic
    // only (its B105-B107 flag a name with any string: `password = "blerg"`, `"root"`; a comparison with `''` set apart); horusec 0.786
    // (11/14) / 0 (0/17) claimed, 0.870 (20/23) / 0 (0/28) every family; IBM's detect-secrets 0.857 (6/7) / 0
    // (0/11) claimed, 0.533 (8/15) / 0 (0/35) every family; no-secrets 1.000 (3/3) / 0 (0/4). gosec, read since (a
    // development source), after the round that fixed its classes (docs/scan.md, "gosec as a development source"):
    // 1.000 (27/27) / 0 (0/9).
    const floors: [string, number, number][] = [
      ["gosec claimed", 26 / 27, 1 / 9],
      ["gosec all", 26 / 27, 1 / 9],
      ["bandit claimed", 1 / 15, 1 / 4],
      ["bandit all", 1 / 15, 1 / 4],
      ["horusec claimed", 10 / 14, 1 / 17],
      ["horusec all", 19 / 23, 1 / 28],
      ["ibm-detect-secrets claimed", 5 / 7, 1 / 11],
      ["ibm-detect-secrets all", 7 / 15, 1 / 35],
      ["no-secrets claimed", 2 / 3, 1 / 4],
      ["no-secrets all", 2 / 3, 1 / 4],
    ];
    expectFloors(floors, { recall, fpr });
  });
});
