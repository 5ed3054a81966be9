import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { NEWSRC_FILE, buildExternalCorpus, expandExternalFile, loadCases } from "../../scripts/gen-external-corpus.mjs";
import { DEVELOPMENT, EVALUATION, roleOf } from "../../scripts/harvest-newsrc-cases.mjs";
import { ScoreTally, expectFloors, scoreLine } from "../helpers/corpus-score.js";
import { describeLocalCorpus } from "../helpers/local-corpus.js";

/**
 * The fourteenth round's corpus (scripts/harvest-newsrc-cases.mjs): the test cases of scanners no other corpus used
 * (titus' rule examples that Nosey Parker's and Kingfisher's lack, ggshield's recorded API verdicts, repo-supervisor's,
 * deepsecrets', talisman's, tartufo's and git-secrets' test data), each placed in a realistic file by
 * scripts/gen-external-corpus.mjs. Each case's role was fixed by a rule before any case was scored (SHA-256 of its
 * source, rule, label and text, about half evaluation): of evaluation cases only the scores are read, never which
 * are missed. Placeholders and disputed look-alikes set apart as in scan-external-corpus.test.ts.
 */
describeLocalCorpus("newsrc corpus (titus, ggshield, repo-supervisor, deepsecrets, talisman, tartufo, git-secrets)", [NEWSRC_FILE], () => {
  const { sources, cases } = loadCases(NEWSRC_FILE);
  const tally = new ScoreTally();
  const { get, recall, fpr } = tally;
  const wrong: string[] = [];
  for (const f of buildExternalCorpus({ cases })) {
    if ((f.label === "tp" && f.placeholder) || f.disputed) continue;
    const hit = scanText({ path: f.path, text: expandExternalFile(f) }).length > 0;
    const role = (f.role ?? "").split(":")[0] ?? "";
    if (f.role === DEVELOPMENT && hit !== (f.label === "tp")) wrong.push(`${f.label === "tp" ? "missed" : "false alarm"} ${f.path} (${f.rule}${f.claimed ? ", claimed" : ""})`);
    tally.add([`${role} all`, `${role} ${f.src}`, ...(f.claimed ? [`${role} claimed`] : [])], f.label, hit);
  }

  it("comes from seven scanners at recorded commits, as templates only, roles by the fixed rule", () => {
    expect(Object.keys(sources).sort()).toEqual(["deepsecrets", "ggshield", "git-secrets", "repo-supervisor", "talisman", "tartufo", "titus"]);
    for (const s of Object.values(sources)) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.license).toMatch(/^(?:MIT|Apache-2\.0|GPL-2\.0 \(facts only)/);
    }
    expect(cases.filter((c) => c.src === "titus").length).toBeGreaterThanOrEqual(600);
    // Roles recomputed from each case's stored fields: about half evaluation, both labels in each role.
    for (const c of cases) expect(c.role, `${c.src} ${c.rule}`).toBe(roleOf(c));
    const evaluation = cases.filter((c) => c.role === EVALUATION).length;
    expect(evaluation / cases.length).toBeGreaterThan(0.4);
    expect(evaluation / cases.length).toBeLessThan(0.6);
    for (const role of [EVALUATION, DEVELOPMENT]) for (const label of ["tp", "fp"]) expect(cases.some((c) => c.role === role && c.label === label)).toBe(true);
    // As committed, no line a rule matches holds a random run outside its templates.
    const text = readFileSync(NEWSRC_FILE, "utf8");
    const lines = text.split("\n");
    const randomRun = (line: string) => (line.replace(/«[^»]*»|"path":"[^"]*"/g, " ").match(/[A-Za-z0-9]{10,}/g) ?? []).some((run) => new Set(run).size >= 8 && /\d/.test(run) && /[A-Za-z]/.test(run) && !/abcd|1234|0123/i.test(run));
    const tokenShaped = scanText({ path: "newsrc.json", text }).filter((x) => randomRun(lines[x.line - 1] ?? ""));
    expect(tokenShaped.map((x) => `${x.line}: ${x.rule}`)).toEqual([]);
  });

  it("writes the test values its harvest lists by hand as templates (talisman's consumer key was literal in the script)", () => {
    // A run of 16 letters and digits and more, a dozen different characters in it, outside the templates (a commit's
    // 40 hex digits aside): a token the script would print as it stands, where the corpus holds it templated.
    const script = readFileSync(new URL("../../scripts/harvest-newsrc-cases.mjs", import.meta.url), "utf8").replace(/«[^»]*»/g, " ");
    const runs = (script.match(/[A-Za-z0-9]{16,}/g) ?? []).filter((run) => new Set(run).size >= 12 && /\d/.test(run) && /[A-Za-z]/.test(run) && !/^[0-9a-f]{40}$/.test(run));
    expect(runs.map((run) => `${run.length} characters`)).toEqual([]);
  });

  it("scores each role (the numbers docs/scan.md quotes), and does not fall back", () => {
    for (const role of ["evaluation", "development"]) {
      for (const scope of ["claimed", "all", ...Object.keys(sources).sort()]) if (tally.has(`${role} ${scope}`)) console.log(`newsrc corpus ${role} ${scope}: ${scoreLine(get(`${role} ${scope}`))}`);
    }
    // What went wrong is printed for development cases only: an evaluation case's misses are never read.
    if (wrong.length) console.log(wrong.join("\n"));
    // Floors at the measured values less a case (docs/scan.md, "Fourteenth round"). Raise them when the rules get better.
    // Untouched (main at 1706bf0, the rules before this corpus, the first harvest): evaluation 0.655 (19/29) / 0 (0/13)
    // claimed, 0.809 (157/194) / 0.043 (6/139) every family; development 0.714 (35/49) / 0.133 (2/15) claimed, 0.850
    // (176/207) / 0.026 (4/152) every family. With the development half's placeholders, identifiers and edge look-alikes
    // set apart by class (both halves), main's rules: evaluation 0.655 (19/29) / 0 (0/11) and 0.853 (157/184) / 0.044
    // (6/137); development 0.761 (35/46) / 0 (0/12) and 0.888 (175/197) / 0 (0/147). After the development half's
    // classes were fixed: evaluation 0.690 (20/29) / 0 (0/11) and 0.859 (158/184) / 0.044 (6/137); development 0.891
    // (41/46) / 0 (0/12) and 0.944 (186/197) / 0 (0/147).
    const floors: [string, number, number][] = [
      ["evaluation claimed", 19 / 29, 1 / 11],
      ["evaluation all", 157 / 184, 7 / 137],
      ["development claimed", 40 / 46, 1 / 12],
      ["development all", 185 / 197, 1 / 147],
    ];
    expectFloors(floors, { recall, fpr });
  });
});
