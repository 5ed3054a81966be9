import { mkdirSync, writeFileSync } from "node:fs";
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

  // The hook's own bundle (dist/git/pre-commit.cjs) is built leaner (scripts/lean-rules.mjs: each
  // pattern built on first use, no examples) and groups the keywords by the build's table: on staged
  // files small (the keyword pass) and large (the windows), it must find what the sources find.
  it("give the built pre-commit hook the sources' findings on staged files, small and large", () => {
    const dir = sb.repo("hook");
    const text = examplesInCode();
    const lines = text.split("\n");
    const files: Array<{ path: string; text: string }> = [{ path: "large.ts", text }];
    // The same examples as small files of about 40 lines each (a few KB: the keyword pass's own path).
    for (let i = 0; i * 40 < lines.length; i++) files.push({ path: `small/part${String(i).padStart(3, "0")}.ts`, text: lines.slice(i * 40, i * 40 + 40).join("\n") });
    mkdirSync(join(dir, "small"));
    for (const f of files) writeFileSync(join(dir, f.path), f.text);
    sb.git(["add", "-A"], { cwd: dir });
    const r = sb.backpack(["git", "pre-commit", "--json"], { cwd: dir });
    expect(r.status, r.stderr).toBe(7);
    type Shown = { file: string; line: number; column: number; rule: string; fingerprint: string };
    const key = (f: Shown) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.fingerprint}`;
    const built = (JSON.parse(r.stdout) as { findings: Shown[] }).findings.map(key).sort();
    const source = files.flatMap((f) => scanText({ path: f.path, text: f.text })).map(key).sort();
    expect(files.length).toBeGreaterThan(20);
    expect(source.length).toBeGreaterThan(200);
    expect(built).toEqual(source);
  });
});
