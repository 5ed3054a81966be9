import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { examplesInCode } from "../helpers/examples-in-code.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

// The bundle carries each built-in rule's literals as the build read them from the patterns
// (scripts/build.mjs, `literalsOf` in src/scan/scanner.ts), where the sources read them at run time.
// On a large text, where rules run in windows near those literals, the built CLI must find exactly
// what the sources find: a stale or wrong table would miss secrets silently.

describe("the built scanner's rule literals", () => {
  let sb: Sandbox;
  beforeEach(() => (sb = makeSandbox()));
  afterEach(() => sb.cleanup());

  it("give the built CLI the sources' findings on a large text holding every rule's examples", () => {
    const text = examplesInCode();
    expect(text.length).toBeGreaterThan(64 * 1024);
    const file = join(sb.root, "large.ts");
    writeFileSync(file, text);
    const r = sb.backpack(["scan", file, "--json"], { cwd: sb.root });
    expect(r.status, r.stderr).toBe(7);
    const built = (JSON.parse(r.stdout) as { findings: Array<{ line: number; column: number; rule: string; fingerprint: string }> }).findings;
    const source = scanText({ path: "large.ts", text });
    const key = (f: { line: number; column: number; rule: string; fingerprint: string }) => `${f.line}:${f.column} ${f.rule} ${f.fingerprint}`;
    expect(source.length).toBeGreaterThan(100);
    expect(built.map(key)).toEqual(source.map(key));
  });
});
