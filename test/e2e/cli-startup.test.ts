import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
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
    // Two here since the CLI is one CommonJS file (dist/cli.cjs: the lazy built-ins' loaders); five when it
    // was ES modules (cli.js, yargs' shim, esbuild's runtime chunk, ...), 48 when every chunk of the scan made one.
    expect(scan.counts.createRequire).toBeLessThanOrEqual(2);
  });

  it("loads the CLI with V8's code cache: written by the first run (scan's apart, --version's at exit), taken by the next, a damaged one ignored", () => {
    const file = join(sb.root, "one.txt");
    writeFileSync(file, "hello = 1\n");
    const cacheDir = join(sb.env.XDG_CACHE_HOME as string, "backpack", "code-cache");
    const caches = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.startsWith("cli-")).sort() : []);
    const scan = () => sb.backpack(["scan", "--json", file], { cwd: sb.root });
    const first = scan();
    expect(first.status, first.stderr).toBe(0);
    expect(caches()).toEqual([expect.stringMatching(/^cli-scan-[0-9a-f]{8}\.v8$/)]);
    const written = statSync(join(cacheDir, caches()[0] as string)).mtimeMs;
    const second = scan();
    expect(second.stdout).toBe(first.stdout);
    // Taken, so not written again.
    expect(statSync(join(cacheDir, caches()[0] as string)).mtimeMs).toBe(written);
    // yargs ends --version with process.exit: the cache is written on exit.
    const version = sb.backpack(["--version"], { cwd: sb.root });
    expect(version.status, version.stderr).toBe(0);
    expect(caches()).toEqual([expect.stringMatching(/^cli-[0-9a-f]{8}\.v8$/), expect.stringMatching(/^cli-scan-[0-9a-f]{8}\.v8$/)]);
    for (const name of caches()) {
      const path = join(cacheDir, name);
      const bytes = readFileSync(path);
      const at = bytes.length >> 1;
      bytes.writeUInt8((bytes.readUInt8(at) ^ 0xff) & 0xff, at);
      writeFileSync(path, bytes);
    }
    const damaged = scan();
    expect(damaged.status, damaged.stderr).toBe(0);
    expect(damaged.stdout).toBe(first.stdout);
    expect(sb.backpack(["--version"], { cwd: sb.root }).stdout).toBe(version.stdout);
    const off = sb.backpack(["scan", "--json", file], { cwd: sb.root, env: { BACKPACK_CODE_CACHE: "off" } });
    expect(off.stdout).toBe(first.stdout);
  });

  it("lays out help when asked for it (the preload does count)", () => {
    const help = counted(["scan", "--help"]);
    expect(help.r.status, help.r.stderr).toBe(0);
    expect(help.r.stdout).toContain("--staged");
    expect(help.counts.segmenters).toBeGreaterThan(0);
  });
});
