/**
 * Scanning the working tree: in a repository, the files git would consider
 * (tracked, plus untracked ones not ignored: `git ls-files --cached --others
 * --exclude-standard`); outside one, the folders named, minus `.git` and
 * `node_modules`. Every line counts. The working copy of an agent.lock the
 * filter covers is plaintext by design (the filter encrypts it on commit), so
 * it is not scanned.
 */
import { lstatSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { readFileBounded } from "../io/bounded-read.js";
import { git } from "../git/exec.js";
import { type ScanReport, decodeText, newReport, scanBlobInto } from "./blob.js";
import type { ScanContext } from "./context.js";

const SKIP_DIRS = new Set([".git", "node_modules"]);

/** Files under the absolute path `abs` (a file, or a folder walked without .git and node_modules). */
function walk(abs: string): string[] {
  const files: string[] = [];
  const visit = (path: string) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // gone while walking
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!SKIP_DIRS.has(name)) visit(join(path, name));
    } else if (stat.isFile()) {
      files.push(path);
    }
  };
  visit(abs);
  return files;
}

/** Tracked and untracked-but-not-ignored files under `paths`, relative to the repository's top. */
function repoFiles(cwd: string, env: NodeJS.ProcessEnv, paths: string[]): string[] {
  const out = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", ...paths], { cwd, env }).stdout.toString("utf8");
  return [...new Set(out.split("\0").filter(Boolean))];
}

/** True when `abs` is the folder `root` or inside it. */
function isInside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Every path named must exist: a scanner never reports clean for what it did
 * not read, so a mistyped path is an error, not "no secrets found".
 */
function checkPaths(cwd: string, paths: string[]): string[] {
  return paths.map((p) => {
    const abs = resolve(cwd, p);
    try {
      statSync(abs);
    } catch {
      throw new BackpackError("NOT_FOUND", `cannot scan ${p}: no such file or folder`, "check the path (it is read from the current folder)");
    }
    return abs;
  });
}

/**
 * The files to scan, each as the absolute path to read and the path to report: in a
 * repository, what git lists under the paths inside it (a file named explicitly is
 * read even when ignored); a path outside the repository, or any path outside git,
 * is walked as a folder.
 */
function filesToScan(ctx: ScanContext, cwd: string, paths: string[]): Array<{ abs: string; path: string }> {
  const absolute = checkPaths(cwd, paths);
  const report = (abs: string) => (isInside(ctx.root, abs) ? relative(ctx.root, abs).split(sep).join("/") : abs.split(sep).join("/"));
  if (!ctx.inRepo) return (absolute.length ? absolute : [resolve(cwd)]).flatMap(walk).map((abs) => ({ abs, path: report(abs) }));
  const inside = absolute.filter((abs) => isInside(ctx.root, abs));
  const outside = absolute.filter((abs) => !isInside(ctx.root, abs));
  const files = new Map<string, string>();
  if (paths.length === 0 || inside.length) {
    for (const path of repoFiles(cwd, ctx.env, inside.map((abs) => relative(cwd, abs) || "."))) files.set(path, join(ctx.root, path));
  }
  // A file named on the command line is read even when git ignores it.
  for (const abs of inside) if (statSync(abs).isFile()) files.set(report(abs), abs);
  for (const abs of outside.flatMap(walk)) files.set(report(abs), abs);
  return [...files].map(([path, abs]) => ({ abs, path }));
}

/** Scans working-tree files under `paths` (default: everything) from `cwd`. */
export function scanWorktree(ctx: ScanContext, cwd: string, paths: string[]): ScanReport {
  const report = newReport();
  for (const { abs, path } of filesToScan(ctx, cwd, paths)) {
    if (ctx.covered.has(path)) continue;
    let bytes: Buffer;
    try {
      // Opened once, checked on its descriptor: a symlink, FIFO or device is skipped unread, as is a file over the limit.
      bytes = readFileBounded(abs, { limit: ctx.maxBytes, label: path, symlinks: "refuse" });
    } catch (error) {
      if (isBackpackError(error) && /larger than/.test(error.message)) report.skippedLarge++;
      continue; // not a regular file, or deleted but still tracked
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      report.skippedBinary++;
      continue;
    }
    report.scanned++;
    scanBlobInto(report, ctx, { path, text });
  }
  return report;
}
