import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BackpackError } from "../../src/errors/errors.js";
import { COVERED_LIST_ARGS } from "../../src/scan/context.js";
import { LIST_END, parseHookLists } from "../../src/scan/hook-lists.js";
import { STAGED_DIFF_ARGS, parseRawDiff } from "../../src/scan/staged.js";

// What the installed hook pipes to `backpack git pre-commit --stdin`: two
// lists of git's -z output, each closed by LIST_END only when its git succeeded.

const HOOK = readFileSync(new URL("../../hooks/pre-commit", import.meta.url), "utf8");

// Paths as git may print them: any bytes but NUL, some named like the end mark.
const path = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }).filter((p) => !p.includes("\0")), fc.constantFrom("backpack-end", "backpack-end\n", "a b", "ü/agent.lock"));
const rawEntry = fc.record({ status: fc.constantFrom("A", "M", "C", "T"), path });
const oid = (n: number) => n.toString(16).padStart(40, "0");

function rawDiffOf(entries: { status: string; path: string }[]): string {
  return entries.map((e, i) => `:100644 100644 ${oid(i)} ${oid(i + 1)} ${e.status}\0${e.path}\0`).join("");
}
const listOf = (paths: string[]) => paths.map((p) => `${p}\0`).join("");

const bytes = (text: string) => Buffer.from(text, "utf8");

function expectIncomplete(input: string): void {
  let error: unknown;
  try {
    parseHookLists(bytes(input));
  } catch (caught) {
    error = caught;
  }
  expect(error, JSON.stringify(input)).toBeInstanceOf(BackpackError);
  expect((error as BackpackError).message).toContain("could not list the staged change");
}

describe("the hook script's lists", () => {
  it("parse back to the paths and the raw diff git printed, whatever the paths are named", () => {
    fc.assert(
      fc.property(fc.array(path, { maxLength: 6 }), fc.array(rawEntry, { maxLength: 6 }), (covered, entries) => {
        const raw = rawDiffOf(entries);
        const lists = parseHookLists(bytes(listOf(covered) + LIST_END + raw + LIST_END));
        expect(lists.covered).toEqual(covered);
        expect(lists.rawDiff).toBe(raw);
        expect(parseRawDiff(lists.rawDiff).map((e) => e.path)).toEqual(entries.map((e) => e.path));
      }),
    );
  });

  it("fail closed when either list lacks its end mark: every cut of the input is refused", () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 4 }), fc.array(rawEntry, { minLength: 1, maxLength: 4 }), (covered, entries) => {
        const whole = listOf(covered) + LIST_END + rawDiffOf(entries) + LIST_END;
        // A git that died part way printed a prefix, and the script printed no mark after it.
        for (let cut = 0; cut < whole.length; cut++) expectIncomplete(whole.slice(0, cut));
      }),
      { numRuns: 40 },
    );
    expectIncomplete("");
    // The first git failed: the second never ran.
    expectIncomplete("agent.lock\0");
    // The second failed after printing a path named like the mark.
    expectIncomplete(`agent.lock\0${LIST_END}:100644 100644 ${oid(1)} ${oid(2)} M\0backpack-end\0`);
    // Anything after the second mark is not ours.
    expectIncomplete(`${LIST_END}${LIST_END}extra`);
  });

  it("decode paths of any bytes (not UTF-8, newlines, the mark's bytes) as the check's own gits' output is decoded", () => {
    // A path is any bytes but NUL; git prints it as is with -z.
    const rawPath = fc.uint8Array({ minLength: 1, maxLength: 10 }).filter((b) => !b.includes(0)).map((b) => Buffer.from(b));
    const odd = fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from("a\nb"), Buffer.from([0xe2, 0x82]), Buffer.from("backpack-end"));
    fc.assert(
      fc.property(fc.array(fc.oneof(rawPath, odd), { maxLength: 6 }), fc.array(fc.oneof(rawPath, odd), { maxLength: 6 }), (covered, staged) => {
        const lsFiles = Buffer.concat(covered.flatMap((p) => [p, Buffer.from([0])]));
        const diff = Buffer.concat(staged.flatMap((p, i) => [Buffer.from(`:100644 100644 ${oid(i)} ${oid(i + 1)} M\0`), p, Buffer.from([0])]));
        const mark = Buffer.from(LIST_END, "latin1");
        const lists = parseHookLists(Buffer.concat([lsFiles, mark, diff, mark]));
        // What context.ts and staged.ts make of the same output when they run git themselves.
        expect(lists.covered).toEqual(lsFiles.toString("utf8").split("\0").filter(Boolean));
        expect(lists.rawDiff).toBe(diff.toString("utf8"));
      }),
    );
  });

  it("are empty lists when nothing is covered or staged", () => {
    expect(parseHookLists(bytes(LIST_END + LIST_END))).toEqual({ covered: [], rawDiff: "" });
  });

  it("are what the hook script runs: the same git arguments as the check's own, and the mark its printf prints", () => {
    const quoted = (args: readonly string[]) => args.map((a) => (/^[\w.=-]+$/.test(a) ? a : `'${a}'`)).join(" ");
    const mark = spawnSync("sh", ["-c", "printf '\\000backpack-end\\000'"], { encoding: "utf8" }).stdout;
    expect(mark).toBe(LIST_END);
    expect(HOOK).toContain(`git ${quoted(COVERED_LIST_ARGS)} && printf '\\000backpack-end\\000' &&`);
    expect(HOOK).toContain(`git ${quoted(STAGED_DIFF_ARGS)} && printf '\\000backpack-end\\000'`);
    expect(HOOK).toMatch(/\} \| NODE_EXTRA_CA_CERTS= "\$@" git pre-commit --stdin \|\| exit \$\?/);
  });
});
