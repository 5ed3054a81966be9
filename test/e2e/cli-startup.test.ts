import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

// What the built CLI does at start (scripts/build.mjs): yargs' help layout (cliui, string-width, whose
// module code makes Intl.Segmenters) is loaded only when help is printed, yargs does not render a
// command's help after its handler started, and only the chunks that name `require` make one. A
// preload counts the Segmenters and createRequire calls of one run (structure, not time).

const PRELOAD = String.raw`
const mod = require("node:module");
const { writeFileSync } = require("node:fs");
const counts = { segmenters: 0, createRequire: 0 };
const Segmenter = Intl.Segmenter;
Intl.Segmenter = function (...args) { counts.segmenters++; return new Segmenter(...args); };
const createRequire = mod.createRequire;
mod.createRequire = function (...args) { counts.createRequire++; return createRequire.apply(this, args); };
mod.syncBuiltinESMExports();
process.on("exit", () => writeFileSync(process.env.STARTUP_COUNTS, JSON.stringify(counts)));
`;

describe("the built CLI at start", () => {
  let sb: Sandbox;
  let preload: string;
  let countsFile: string;
  beforeEach(() => {
    sb = makeSandbox();
    preload = join(sb.root, "count-startup.cjs");
    countsFile = join(sb.root, "counts.json");
    writeFileSync(preload, PRELOAD);
  });
  afterEach(() => sb.cleanup());

  const counted = (args: string[]) => {
    const r = sb.backpack(args, { cwd: sb.root, env: { NODE_OPTIONS: `--require ${preload}`, STARTUP_COUNTS: countsFile } });
    return { r, counts: JSON.parse(readFileSync(countsFile, "utf8")) as { segmenters: number; createRequire: number } };
  };

  it("lays out no help for --version or a scan, and makes a require only where a chunk names one", () => {
    const file = join(sb.root, "one.txt");
    writeFileSync(file, "hello = 1\n");
    const version = counted(["--version"]);
    expect(version.r.status, version.r.stderr).toBe(0);
    expect(version.counts.segmenters).toBe(0);
    const scan = counted(["scan", file]);
    expect(scan.r.status, scan.r.stderr).toBe(0);
    expect(scan.counts.segmenters).toBe(0);
    // Five here (cli.js, yargs' shim, esbuild's runtime chunk, ...); 48 when every chunk of the scan made one.
    expect(scan.counts.createRequire).toBeLessThanOrEqual(8);
  });

  it("lays out help when asked for it (the preload does count)", () => {
    const help = counted(["scan", "--help"]);
    expect(help.r.status, help.r.stderr).toBe(0);
    expect(help.r.stdout).toContain("--staged");
    expect(help.counts.segmenters).toBeGreaterThan(0);
  });
});
