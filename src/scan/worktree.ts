/**
 * Scanning the working tree: in a repository, the files git would consider
 * (tracked, plus untracked ones not ignored: `git ls-files --cached --others
 * --exclude-standard`); outside one, the folders named, minus `.git` and
 * `node_modules`. Every line counts. The working copy of an agent.lock the
 * filter covers is plaintext by design (the filter encrypts it on commit), so
 * it is not scanned.
 */
import { lstatSync, readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { git } from "../git/exec.js";
import { type ScanReport, decodeText, newReport, scanBlob } from "./blob.js";
import type { ScanContext } from "./context.js";

const SKIP_DIRS = new Set([".git", "node_modules"]);

/** Files under `paths` (relative to `cwd`) outside git, as paths relative to `root`. */
function walk(root: string, cwd: string, paths: string[]): string[] {
  const files: string[] = [];
  const visit = (abs: string) => {
    let stat;
    try {
      stat = lstatSync(abs);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!SKIP_DIRS.has(name)) visit(join(abs, name));
    } else if (stat.isFile()) {
      files.push(relative(root, abs).split(sep).join("/"));
    }
  };
  for (const p of paths.length ? paths : ["."]) visit(join(cwd, p));
  return files;
}

/** Tracked and untracked-but-not-ignored files under `paths`, relative to the repository's top. */
function repoFiles(cwd: string, env: NodeJS.ProcessEnv, paths: string[]): string[] {
  const out = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", ...paths], { cwd, env }).stdout.toString("utf8");
  return [...new Set(out.split("\0").filter(Boolean))];
}

/** Scans working-tree files under `paths` (default: everything) from `cwd`. */
export function scanWorktree(ctx: ScanContext, cwd: string, paths: string[]): ScanReport {
  const report = newReport();
  const files = ctx.inRepo ? repoFiles(cwd, ctx.env, paths) : walk(ctx.root, cwd, paths);
  for (const path of files) {
    if (ctx.covered.has(path)) continue;
    const abs = join(ctx.root, path);
    let size: number;
    try {
      const stat = lstatSync(abs);
      if (!stat.isFile()) continue; // a symlink, or deleted but still tracked
      size = stat.size;
    } catch {
      continue;
    }
    if (size > ctx.maxBytes) {
      report.skippedLarge++;
      continue;
    }
    const text = decodeText(readFileSync(abs));
    if (text === undefined) {
      report.skippedBinary++;
      continue;
    }
    report.scanned++;
    report.findings.push(...scanBlob(ctx, { path, text }));
  }
  return report;
}
