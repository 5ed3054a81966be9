import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FINDING_LIMIT } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

// A file with more candidates of one rule than FINDING_LIMIT, through the built CLI: the scan
// reports what it left unexamined, a baseline records every finding, and a file whose judged
// findings the baseline accepts is judged in full.

const EXTRA = 40;
const line = (i: number) => `API_KEY_${i}=${expandFake("«U6»«d2»«A20»", `e2e-limit:${i}`)}\n`;

describe("a file past the per-rule limit", () => {
  let sb: Sandbox;
  let dir: string;
  beforeEach(() => {
    sb = makeSandbox();
    dir = join(sb.root, "dump");
    mkdirSync(dir);
    writeFileSync(join(dir, "keys.txt"), Array.from({ length: FINDING_LIMIT + EXTRA }, (_, i) => line(i)).join(""));
  });
  afterEach(() => sb.cleanup());

  it("is reported with what was not examined; --update-baseline records every finding; the baseline then passes it", () => {
    const scan = sb.backpack(["scan", "--json", "keys.txt"], { cwd: dir });
    expect(scan.status, scan.stderr).toBe(7);
    const report = JSON.parse(scan.stdout) as { truncated: Array<{ file: string; unexamined: number }>; summary: { findings: number; unexamined: number } };
    expect(report.summary.findings).toBe(FINDING_LIMIT);
    expect(report.summary.unexamined).toBeGreaterThan(0);
    expect(report.truncated.map((t) => t.file)).toEqual(["keys.txt"]);
    const text = sb.backpack(["scan", "keys.txt"], { cwd: dir });
    expect(text.stdout).toMatch(/keys\.txt: over 1,000 candidates of one rule; \d+ more matches not examined/);

    const baseline = sb.backpack(["scan", "--baseline", "baseline.json", "--update-baseline", "keys.txt"], { cwd: dir });
    expect(baseline.status, baseline.stderr).toBe(0);
    // Every finding, past the limit too.
    expect(Number(/records (\d+) accepted/.exec(baseline.stdout)?.[1])).toBeGreaterThan(FINDING_LIMIT);

    // The first 1,000 are all accepted: the rest are judged, and accepted too.
    const after = sb.backpack(["scan", "--baseline", "baseline.json", "keys.txt"], { cwd: dir });
    expect(after.status, after.stdout + after.stderr).toBe(0);
    // A new secret after them still blocks.
    writeFileSync(join(dir, "keys.txt"), readFileSync(join(dir, "keys.txt"), "utf8") + line(FINDING_LIMIT + EXTRA + 1));
    const added = sb.backpack(["scan", "--json", "--baseline", "baseline.json", "keys.txt"], { cwd: dir });
    expect(added.status, added.stderr).toBe(7);
    expect((JSON.parse(added.stdout) as { findings: Array<{ line: number }> }).findings.map((f) => f.line)).toEqual([FINDING_LIMIT + EXTRA + 1]);
  });
});
