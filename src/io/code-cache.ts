/**
 * Loading a CommonJS bundle with V8's code cache: what V8 compiled of it on
 * an earlier run (the pre-commit hook's scanner, about 230 KB: compiling it
 * was about a fifth of every commit's hook) is read back instead of compiled
 * again. Node 20 has no module.enableCompileCache, so the bundle is run
 * through vm.Script with `cachedData`, wrapped as Node wraps a CommonJS file.
 *
 * The cache is the user's own, never the repository's: one file per bundle
 * in `$XDG_CACHE_HOME/backpack/code-cache` (else ~/.cache/..., macOS
 * ~/Library/Caches/..., Windows %LOCALAPPDATA%), a folder only its owner may
 * write (one that others may write to is not used). A cache file is used
 * only when its own checksum holds and it was made from this very bundle
 * (its CRC-32 recorded in the file; V8 itself checks only the source's
 * length), and V8 rejects data of another Node version or other flags. Any
 * doubt (missing, stale, corrupt, unreadable) means compiling as without a
 * cache, and a fresh cache is written after the run; a failed write is
 * ignored. BACKPACK_CODE_CACHE=off turns it off.
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeFileSync, constants as fsConstants } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { lazyBuiltin } from "./lazy-builtin.js";

const nodeVm = lazyBuiltin<typeof import("node:vm")>("node:vm");
const nodeZlib = lazyBuiltin<typeof import("node:zlib")>("node:zlib");
// node:os only to find a home when HOME is unset: the filters git runs load this file too.
const nodeOs = lazyBuiltin<typeof import("node:os")>("node:os");

/** A loaded bundle: its exports, and the write of a fresh cache when the one on disk could not be used. */
export interface CachedModule<T> {
  exports: T;
  /** True when V8 took the cache (nothing compiled from scratch). */
  fromCache: boolean;
  /** Writes the cache if it was missing or stale (after the run: it then holds what the run compiled too). Never throws. */
  save(): void;
}

/** "bpcc", format 1, CRC-32 of the source, CRC-32 of V8's data, then the data. */
const MAGIC = 0x62706363;
const FORMAT = 1;
const HEADER_BYTES = 16;
/** A cache file larger than this is not read (the hook's is about 300 KB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Another copy's cache file not written for this long is removed when a cache is written (old npx installs). */
const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** The account's home when HOME is unset; undefined when it has none (a uid with no passwd entry: os.homedir throws). */
function homeOfUser(): string | undefined {
  try {
    return nodeOs().homedir();
  } catch {
    return undefined;
  }
}

/**
 * The user's cache folder for backpack, or undefined when there is no home to put it in.
 * Only an absolute one: a relative HOME or LOCALAPPDATA would name a folder in the
 * current one, which for the hook is the top of the repository being committed, and a
 * code cache there could be one the repository brought (V8 runs what it holds).
 */
export function userCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, "backpack");
  if (process.platform === "win32") return env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA) ? join(env.LOCALAPPDATA, "backpack", "Cache") : undefined;
  const home = env.HOME || homeOfUser();
  if (!home || !isAbsolute(home)) return undefined;
  return process.platform === "darwin" ? join(home, "Library", "Caches", "backpack") : join(home, ".cache", "backpack");
}

/** The folder the code cache lives in. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const dir = userCacheDir(env);
  return dir && join(dir, "code-cache");
}

/** A short, stable name for a bundle's path (FNV-1a): each installed copy of backpack has a cache of its own. */
function pathTag(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/** True when `dir` is a folder of this user's that nobody else may write to (always on Windows, where modes say little). */
function isPrivateDir(dir: string): boolean {
  if (process.platform === "win32") return true;
  try {
    const st = lstatSync(dir);
    return st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** V8's data from a cache file made from a source with CRC-32 `sourceCrc`, or undefined when there is none that can be trusted. */
function readCache(file: string, sourceCrc: number, crc32: (data: Buffer) => number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < HEADER_BYTES || st.size > MAX_CACHE_BYTES) return undefined;
    if (process.platform !== "win32" && st.uid !== process.getuid?.()) return undefined;
    const bytes = Buffer.alloc(st.size);
    if (readSync(fd, bytes, 0, st.size, 0) !== st.size) return undefined;
    const data = bytes.subarray(HEADER_BYTES);
    const intact = bytes.readUInt32BE(0) === MAGIC && bytes.readUInt32BE(4) === FORMAT && bytes.readUInt32BE(8) === sourceCrc && bytes.readUInt32BE(12) === crc32(data);
    return intact ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a cache file beside the others, whole or not at all (a temporary file renamed over it). */
function writeCache(dir: string, file: string, sourceCrc: number, data: Buffer, crc32: (data: Buffer) => number): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDir(dir)) return;
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(MAGIC, 0);
    header.writeUInt32BE(FORMAT, 4);
    header.writeUInt32BE(sourceCrc, 8);
    header.writeUInt32BE(crc32(data), 12);
    writeFileSync(temp, Buffer.concat([header, data]), { mode: 0o600, flag: "wx" });
    renameSync(temp, file);
    removeUnused(dir);
  } catch {
    rmSync(temp, { force: true }); // a cache is a convenience: a full disk or a read-only home costs the next run its speed, nothing else
  }
}

/**
 * Removes the cache files (ours: `*.v8`) that no run has written for UNUSED_FOR_MS: each
 * installed copy of backpack (every npx version) has one, about 300 KB. A run whose file
 * is used does not rewrite it, so its age is since the bundle last changed; removing one
 * in use costs one run a compile.
 */
function removeUnused(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".v8")) continue;
    const file = join(dir, name);
    try {
      if (now - lstatSync(file).mtimeMs > UNUSED_FOR_MS) rmSync(file, { force: true });
    } catch {
      // gone already, or not ours to judge
    }
  }
}

/**
 * Requires the CommonJS file `file` (an absolute path), with V8's code cache
 * where one can be used (see above); as a plain require otherwise. `load` is
 * the caller's require: the file's own require hands it Node's built-ins, and
 * files next to `file` (`./x.cjs`) by absolute path (node:module's
 * createRequire would cost about 5 ms of loading). `tag` names a cache of
 * its own for the same file (the CLI's: one for `scan`, one for the other
 * commands, since a cache holds what the run that wrote it compiled).
 */
export function requireWithCodeCache<T>(file: string, env: NodeJS.ProcessEnv, load: (id: string) => unknown, tag?: string): CachedModule<T> {
  const requireHere = (id: string): unknown => load(id.startsWith("./") || id.startsWith("../") ? join(dirname(file), id) : id);
  const dir = env.BACKPACK_CODE_CACHE === "off" ? undefined : codeCacheDir(env);
  // zlib.crc32 came with Node 20.15: without it there is no cheap check that a cache fits the bundle.
  const zlib = nodeZlib();
  const crc32 = typeof zlib.crc32 === "function" ? (data: Buffer | string) => zlib.crc32(data) : undefined;
  if (!dir || !crc32) return { exports: requireHere(file) as T, fromCache: false, save: () => {} };

  const bytes = readFileSync(file);
  const sourceCrc = crc32(bytes);
  const cacheFile = join(dir, `${basename(file, ".cjs")}${tag === undefined ? "" : `-${tag}`}-${pathTag(file)}.v8`);
  const cachedData = isPrivateDir(dir) ? readCache(cacheFile, sourceCrc, crc32) : undefined;
  // As Node wraps a CommonJS file (the wrapper on the first line, so line numbers in stack traces hold).
  // Joined as bytes and decoded once: a template string would be flattened by V8 into a second copy
  // of the bundle's text (260 KB of young objects more: one scavenge more in every hook run).
  const wrapped = Buffer.concat([Buffer.from("(function (exports, require, module, __filename, __dirname) { "), bytes, Buffer.from("\n});")]).toString("utf8");
  const script = new (nodeVm().Script)(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const stale = !cachedData || script.cachedDataRejected === true;
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, requireHere, module, file, dirname(file));
  module.loaded = true;
  let saved = !stale;
  return {
    exports: module.exports as T,
    fromCache: !stale,
    save: () => {
      if (saved) return;
      saved = true;
      try {
        writeCache(dir, cacheFile, sourceCrc, script.createCachedData(), crc32);
      } catch {
        // createCachedData failed: the next run compiles, as this one did
      }
    },
  };
}
