/**
 * Nothing of ours may run a package by a name we do not own. On npm, `backpack`
 * is somebody else's package: `npx backpack` where backpack-agent is not a local
 * dependency installs and runs it (without asking when there is no terminal).
 * So every file in the repository names our package (`npx backpack-agent`,
 * `npm exec --package=backpack-agent -- backpack`), and the package has a bin
 * by that name for npx to find.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
// Built from parts, so this file does not match itself.
const runner = ["npx", "pnpx", "bunx", "pnpm dlx", "yarn dlx", "npm exec", "npm x"].join("|");
const BARE = new RegExp(`(?:${runner})\\s+(?:(?!--package|-p\\s)-[-\\w=]+\\s+)*(?:backpack|bp)(?![-\\w@/.])`, "g");

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    // This file names the bare forms on purpose (its doc comment and its regex check).
    .filter((f) => f && f !== "test/unit/package-names.test.ts" && !/\.(png|gif|jpg|svg|cast|lock)$|^package-lock\.json$/.test(f));
}

describe("package names", () => {
  it("no tracked file runs a bare `backpack` package through npx or npm exec", () => {
    const hits: string[] = [];
    for (const file of trackedTextFiles()) {
      let text: string;
      try {
        text = readFileSync(resolve(root, file), "utf8");
      } catch {
        continue; // deleted in the working tree
      }
      text.split("\n").forEach((line, i) => {
        if (BARE.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
        BARE.lastIndex = 0;
      });
    }
    expect(hits).toEqual([]);
  });

  it("catches the shapes it is meant to catch", () => {
    const bad = ["npx backpack setup", "run: npx  backpack verify", "npx --yes backpack scan", "npm exec backpack -- setup", "pnpm dlx bp init", "`npx backpack`"];
    const good = ["npx backpack-agent setup", "npm exec --package=backpack-agent -- backpack setup", "backpack setup", "npx backpack-agent@2 verify"];
    expect(bad.filter((l) => !new RegExp(BARE.source).test(l))).toEqual([]);
    expect(good.filter((l) => new RegExp(BARE.source).test(l))).toEqual([]);
  });

  it("has a bin named after the package, so `npx backpack-agent` runs backpack", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { name: string; bin: Record<string, string> };
    expect(pkg.bin[pkg.name]).toBe(pkg.bin.backpack);
  });
});
