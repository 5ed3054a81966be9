/**
 * Writing a new agent into a folder: its agent.lock (working form in a wired
 * repository, stored form elsewhere) and the files that go with it (script,
 * README). Shared by `quickstart`, `template use` and `import`. Never clobbers:
 * when any target exists it stops before writing anything, unless `force`,
 * which keeps a backup of each file it replaces (in the git dir inside a
 * repository, never in its working tree).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { BackpackError } from "../errors/errors.js";
import type { WorkingForm } from "../core/schema.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { type FileContext, saveAgentFile, saveOptionsFor } from "./agent-file.js";
import { backupOutsideWorkTree } from "./backup.js";

export interface ScaffoldFile {
  /** File name relative to the folder. */
  name: string;
  content: string | Buffer;
  /** File mode, e.g. 0o755 for a script with a shebang. */
  mode?: number;
}

export interface ScaffoldOptions {
  /** Replace existing files, keeping a backup of each. */
  force?: boolean;
  /** The agent.lock's file name in the folder (default agent.lock). */
  lockName?: string;
}

export interface ScaffoldResult {
  /** Paths written, agent.lock first. */
  written: string[];
  /** Backups kept of replaced files. */
  backups: string[];
  /** How agent.lock was written. */
  form: "working" | "stored";
}

/** Checks that none of `names` exists in `dir` (unless force); the error lists them all. */
export function assertFree(dir: string, names: string[], force: boolean | undefined): string[] {
  const taken = names.filter((name) => existsSync(join(dir, name)));
  if (taken.length > 0 && !force) {
    const where = relative(process.cwd(), dir) || ".";
    throw new BackpackError(
      "USAGE",
      `${taken.join(", ")} already ${taken.length === 1 ? "exists" : "exist"} in ${where}`,
      "pass --force to replace (a backup of each is kept), or choose another folder with --dir",
    );
  }
  return taken;
}

/**
 * Writes agent.lock and `files` into `dir` (created if needed). `contextOf`
 * tells where a folder is (git/context.ts: openContext); it is asked once `dir` exists.
 */
export async function writeScaffold(dir: string, doc: WorkingForm, files: ScaffoldFile[], contextOf: (dir: string) => FileContext, options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const lockName = options.lockName ?? "agent.lock";
  const taken = assertFree(dir, [lockName, ...files.map((f) => f.name)], options.force);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new BackpackError("IO", `cannot create the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check the path and its permissions");
  }
  // Find (or make) the key before writing anything, so a missing key store changes nothing.
  const ctx = contextOf(dir);
  const saveOptions = await saveOptionsFor(ctx, undefined, join(dir, lockName));
  // Out of the working tree inside a repository: the file replaced may be plaintext.
  const backups = taken.map((name) => backupOutsideWorkTree(ctx.repo, join(dir, name)));
  const lockPath = join(dir, lockName);
  saveAgentFile(lockPath, doc, saveOptions);
  const written = [lockPath];
  for (const file of files) {
    const path = join(dir, file.name);
    writeFileAtomic(path, file.content, file.mode === undefined ? {} : { mode: file.mode }); // IO naming the file on failure
    written.push(path);
  }
  return { written, backups, form: saveOptions.form };
}
