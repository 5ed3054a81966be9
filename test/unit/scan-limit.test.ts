import { describe, expect, it } from "vitest";
import { type ScanReport, newReport, scanBlobInto } from "../../src/scan/blob.js";
import { NO_KNOWN_SECRETS } from "../../src/scan/known-secrets.js";
import { hookLines, reportJson, scanLines } from "../../src/scan/report.js";
import { FINDING_LIMIT, type ScanStats, fingerprintOf, scanText } from "../../src/scan/scanner.js";
import { ALLOW_NOTHING } from "../../src/scan/allow.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { assertNoSecrets } from "../helpers/secrets.js";

// Past FINDING_LIMIT candidates of one rule in one file the rest are counted, not judged: a file
// that holds thousands of secrets is blocked on its first ones. Never at the cost of a finding
// that would block: when the judged ones are all allowed, the file is judged in full.

// Fake values the generic rule reports (now and then a random one reads as a word and passes).
const VALUES: string[] = [];
for (let seed = 0; VALUES.length < 3 * FINDING_LIMIT + 10; seed++) {
  const v = expandFake("«A28»", `limit:${seed}`);
  if (scanText({ path: "k.txt", text: `API_KEY=${v}` }).length === 1) VALUES.push(v);
}
const value = (i: number) => VALUES[i] as string;
const dump = (n: number, line = (i: number) => `API_KEY_${i}=${value(i)}`) => Array.from({ length: n }, (_, i) => `${line(i)}\n`).join("");
const EXTRA = 250;

describe("the per-rule limit of a file", () => {
  it("judges FINDING_LIMIT candidates of a rule and counts the rest", () => {
    const stats: ScanStats = { unexamined: 0 };
    const findings = scanText({ path: "keys.txt", text: dump(FINDING_LIMIT + EXTRA) }, { stats });
    expect(findings).toHaveLength(FINDING_LIMIT);
    expect(stats.unexamined).toBe(EXTRA);
    // The first ones, in order.
    expect(findings.map((f) => f.line)).toEqual(Array.from({ length: FINDING_LIMIT }, (_, i) => i + 1));
  });

  it("judges every candidate without a limit (a baseline records them all)", () => {
    const stats: ScanStats = { unexamined: 0 };
    expect(scanText({ path: "keys.txt", text: dump(FINDING_LIMIT + EXTRA) }, { limit: Infinity, stats })).toHaveLength(FINDING_LIMIT + EXTRA);
    expect(stats.unexamined).toBe(0);
  });

  it("judges the whole file again when every judged candidate is allowed, so a later secret still blocks", () => {
    // The first FINDING_LIMIT lines carry an allow marker; the secrets after them have none.
    const text = dump(FINDING_LIMIT + 3, (i) => `API_KEY_${i}=${value(i)}${i < FINDING_LIMIT ? " # backpack:allow" : ""}`);
    const stats: ScanStats = { unexamined: 0 };
    const findings = scanText({ path: "keys.txt", text }, { stats });
    expect(findings.map((f) => f.line)).toEqual([FINDING_LIMIT + 1, FINDING_LIMIT + 2, FINDING_LIMIT + 3]);
    expect(stats.unexamined).toBe(0);
    // The same through the allow-list of fingerprints.
    const fingerprints = Array.from({ length: FINDING_LIMIT }, (_, i) => fingerprintOf(value(i)));
    const allowed = scanText({ path: "keys.txt", text: dump(FINDING_LIMIT + 3) }, { allow: { ...ALLOW_NOTHING, fingerprints } });
    expect(allowed.map((f) => f.line)).toEqual([FINDING_LIMIT + 1, FINDING_LIMIT + 2, FINDING_LIMIT + 3]);
  });

  it("leaves nothing unexamined on the lines a change adds to such a file", () => {
    // The hook's one-line change to a file of old findings: only the added line is judged.
    const text = dump(FINDING_LIMIT * 3);
    const stats: ScanStats = { unexamined: 0 };
    const findings = scanText({ path: "keys.txt", text, lines: new Set([2500]) }, { stats });
    expect(findings.map((f) => f.line)).toEqual([2500]);
    expect(stats.unexamined).toBe(0);
  });

  it("is reported: which file, how many matches, what to do; in the summary and in JSON; no secret shown", () => {
    const report: ScanReport = newReport();
    scanBlobInto(report, { known: NO_KNOWN_SECRETS, allow: ALLOW_NOTHING, covered: new Set() }, { path: "data/keys.txt", text: dump(FINDING_LIMIT + EXTRA) });
    report.scanned = 1;
    expect(report.findings).toHaveLength(FINDING_LIMIT);
    expect(report.truncated).toEqual([{ file: "data/keys.txt", unexamined: EXTRA }]);
    const hook = hookLines(report);
    const note = hook.find((l) => l.includes("not examined") && l.includes("data/keys.txt"));
    expect(note).toMatch(/over 1,000 candidates of one rule; 250 more matches not examined.*scan\.allow_paths/);
    expect(hook.at(-1)).toMatch(/^backpack: commit blocked: 1000 findings in 1 file; 250 matches not examined in 1 file /);
    expect(scanLines(report, "the working tree").at(-1)).toMatch(/1000 findings in 1 file; 250 matches not examined in 1 file \(1 file scanned/);
    const json = JSON.parse(reportJson(report)) as { truncated: unknown; summary: { unexamined: number } };
    expect(json.truncated).toEqual([{ file: "data/keys.txt", unexamined: EXTRA }]);
    expect(json.summary.unexamined).toBe(EXTRA);
    assertNoSecrets([...hook, reportJson(report)], VALUES.slice(0, 50));
  });

  it("says nothing when every candidate was judged", () => {
    const report = newReport();
    scanBlobInto(report, { known: NO_KNOWN_SECRETS, allow: ALLOW_NOTHING, covered: new Set() }, { path: "a.txt", text: dump(3) });
    expect(report.truncated).toEqual([]);
    expect(hookLines(report).join("\n")).not.toMatch(/not examined/);
    expect((JSON.parse(reportJson(report)) as { truncated?: unknown; summary: { unexamined: number } }).truncated).toBeUndefined();
  });
});
