import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeCacheDir, requireWithCodeCache } from "../../src/io/code-cache.js";

// V8's code cache for the hook's bundle (src/io/code-cache.ts), on real files: used when it fits,
// ignored (and rewritten) when it is stale or corrupt, never kept where others may write.

const load = createRequire(import.meta.url);

describe("requireWithCodeCache", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let bundle: string;
  const cacheFiles = () => readdirSync(codeCacheDir(env) as string).filter((f) => f.endsWith(".v8"));
  const cacheFile = () => join(codeCacheDir(env) as string, cacheFiles()[0] as string);
  const writeBundle = (value: string) => {
    // A part requires its neighbours by relative path, as dist/git/pre-commit.cjs requires ./config-load.cjs.
    writeFileSync(join(root, "dist", "helper.cjs"), "exports.twice = (s) => s + s;\n");
    writeFileSync(bundle, `"use strict";\nconst { twice } = require("./helper.cjs");\nconst path = require("node:path");\nexports.value = twice(${JSON.stringify(value)});\nexports.file = path.basename(__filename);\n`);
  };
  const run = () => {
    const loaded = requireWithCodeCache<{ value: string; file: string }>(bundle, env, load);
    loaded.save();
    return loaded;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "backpack-code-cache-"));
    mkdirSync(join(root, "dist"));
    bundle = join(root, "dist", "part.cjs");
    env = { XDG_CACHE_HOME: join(root, "cache"), HOME: join(root, "home") };
    writeBundle("ab");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("compiles and writes the cache on the first run, in a folder and file only the user may read; the next run takes it", () => {
    const first = run();
    expect(first.exports).toEqual({ value: "abab", file: "part.cjs" });
    expect(first.fromCache).toBe(false);
    expect(codeCacheDir(env)).toBe(join(root, "cache", "backpack", "code-cache"));
    expect(cacheFiles()).toHaveLength(1);
    if (process.platform !== "win32") {
      expect(statSync(codeCacheDir(env) as string).mode & 0o777).toBe(0o700);
      expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    }
    const second = run();
    expect(second.fromCache).toBe(true);
    expect(second.exports).toEqual({ value: "abab", file: "part.cjs" });
  });

  it("keeps a tagged cache apart from the untagged one of the same file (the CLI's `scan` and its other commands)", () => {
    run();
    const tagged = () => {
      const loaded = requireWithCodeCache<{ value: string; file: string }>(bundle, env, load, "scan");
      loaded.save();
      return loaded;
    };
    const first = tagged();
    expect(first.fromCache).toBe(false);
    expect(first.exports).toEqual({ value: "abab", file: "part.cjs" });
    expect(cacheFiles().sort()).toEqual([expect.stringMatching(/^part-[0-9a-f]{8}\.v8$/), expect.stringMatching(/^part-scan-[0-9a-f]{8}\.v8$/)]);
    expect(tagged().fromCache).toBe(true);
    expect(run().fromCache).toBe(true);
  });

  it("ignores a cache made from another bundle of the same length (V8 checks only the length) and runs the new code", () => {
    run();
    const before = readFileSync(cacheFile());
    writeBundle("cd");
    const changed = run();
    expect(changed.fromCache).toBe(false);
    expect(changed.exports.value).toBe("cdcd");
    expect(readFileSync(cacheFile()).equals(before)).toBe(false);
    expect(run().fromCache).toBe(true);
  });

  it("ignores a corrupt or cut-short cache, runs as without one, and writes a sound one", () => {
    run();
    const good = readFileSync(cacheFile());
    const flipped = Buffer.from(good);
    const at = 16 + Math.floor((good.length - 16) / 2);
    flipped[at] = (flipped[at] as number) ^ 0xff;
    for (const bad of [flipped, good.subarray(0, good.length - 100), good.subarray(0, 10), Buffer.from("not a cache")]) {
      writeFileSync(cacheFile(), bad);
      const loaded = run();
      expect(loaded.fromCache).toBe(false);
      expect(loaded.exports.value).toBe("abab");
      expect(readFileSync(cacheFile()).equals(good)).toBe(true);
    }
  });

  it.skipIf(process.platform === "win32")("neither reads nor writes a cache in a folder others may write to", () => {
    run();
    chmodSync(codeCacheDir(env) as string, 0o777);
    const before = readFileSync(cacheFile());
    writeBundle("cd");
    const loaded = run();
    expect(loaded.fromCache).toBe(false);
    expect(loaded.exports.value).toBe("cdcd");
    expect(readFileSync(cacheFile()).equals(before)).toBe(true);
  });

  it.skipIf(process.platform === "win32")("does not take a sound cache of this very bundle from a folder others may write to, or a file another user owns", () => {
    // The same bundle, so only the folder's mode (or the file's owner) can refuse it: V8 would run what it holds.
    run();
    expect(run().fromCache).toBe(true);
    chmodSync(codeCacheDir(env) as string, 0o777);
    expect(run().fromCache).toBe(false);
    chmodSync(codeCacheDir(env) as string, 0o700);
    expect(run().fromCache).toBe(true);
    if (process.getuid?.() === 0) {
      // Only root can give a file away: a cache file of another user's in the folder is not taken.
      chownSync(cacheFile(), 12345, 12345);
      expect(run().fromCache).toBe(false);
    }
  });

  it("writes no cache with BACKPACK_CODE_CACHE=off, and a write that fails costs nothing", () => {
    env.BACKPACK_CODE_CACHE = "off";
    expect(run().exports.value).toBe("abab");
    expect(() => statSync(join(root, "cache"))).toThrow();
    delete env.BACKPACK_CODE_CACHE;
    writeFileSync(join(root, "cache"), "a file where the folder would go");
    const loaded = run();
    expect(loaded.exports.value).toBe("abab");
    expect(loaded.fromCache).toBe(false);
  });

  it("removes other copies' cache files unused for 30 days when it writes one, and nothing else", () => {
    const dir = codeCacheDir(env) as string;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const old = join(dir, "pre-commit-00000000.v8");
    const recent = join(dir, "pre-commit-11111111.v8");
    const other = join(dir, "notes.txt");
    for (const file of [old, recent, other]) writeFileSync(file, "x");
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    utimesSync(old, daysAgo(40), daysAgo(40));
    utimesSync(recent, daysAgo(20), daysAgo(20));
    utimesSync(other, daysAgo(40), daysAgo(40));
    run();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(cacheFiles()).toHaveLength(2);
  });

  it("finds the user's cache folder from HOME when XDG_CACHE_HOME is unset or relative", () => {
    const home = join(root, "home");
    const expected = process.platform === "darwin" ? join(home, "Library", "Caches", "backpack", "code-cache") : join(home, ".cache", "backpack", "code-cache");
    if (process.platform !== "win32") {
      expect(codeCacheDir({ HOME: home })).toBe(expected);
      expect(codeCacheDir({ HOME: home, XDG_CACHE_HOME: "relative/cache" })).toBe(expected);
    }
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() !== 0 || !existsSync("/usr/bin/setpriv"))(
    "loads the bundle when HOME is unset and the account has no home (os.homedir throws): no cache, no error",
    () => {
      // A container's random uid with no passwd entry and no HOME: os.homedir() throws ENOENT.
      const entry = join(root, "child.ts");
      const script = join(root, "child.cjs");
      writeFileSync(
        entry,
        `import { requireWithCodeCache } from ${JSON.stringify(fileURLToPath(new URL("../../src/io/code-cache.ts", import.meta.url)))};\n` +
          `const loaded = requireWithCodeCache(${JSON.stringify(bundle)}, process.env, require);\nloaded.save();\nconsole.log(loaded.exports.value);\n`,
      );
      buildSync({ entryPoints: [entry], outfile: script, bundle: true, platform: "node", format: "cjs", logLevel: "silent" });
      chmodSync(root, 0o755);
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !["HOME", "XDG_CACHE_HOME", "BACKPACK_CODE_CACHE"].includes(name)));
      const r = spawnSync("/usr/bin/setpriv", ["--reuid=48611", "--regid=48611", "--clear-groups", process.execPath, script], { env, encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe("abab\n");
    },
  );

  it("uses no cache folder when the home is a relative path: it would be in the repository the hook runs in, whose files may be hostile", () => {
    // git runs the hook at the top of the work tree: HOME=. would make ./.cache/backpack/code-cache,
    // a folder a cloned repository can ship with a cache file in it, and V8 runs the code a cache holds.
    const relative = process.platform === "win32" ? { LOCALAPPDATA: "AppData\\Local" } : { HOME: "." };
    expect(codeCacheDir(relative)).toBeUndefined();
    expect(codeCacheDir({ ...relative, XDG_CACHE_HOME: "relative/cache" })).toBeUndefined();
    expect(codeCacheDir({ HOME: "home", LOCALAPPDATA: "local" })).toBeUndefined();
    // Without a folder the bundle is required as it is: it still runs, and nothing is written anywhere.
    const loaded = requireWithCodeCache<{ value: string }>(bundle, { ...relative }, load);
    loaded.save();
    expect(loaded.exports.value).toBe("abab");
    expect(loaded.fromCache).toBe(false);
  });
});
