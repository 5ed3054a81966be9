/**
 * Backups before a destructive rewrite: never overwrite an earlier backup, and
 * never put one into a repository's working tree. Inside a repository a
 * backup goes to `<git common dir>/backpack/backups/`, where `git add .` cannot
 * reach it: the file it copies may be plaintext (the working form) or
 * encrypted with a public passphrase (format 1.0), and a stray
 * `agent.lock.bak` beside it is one commit from the object store.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { isBackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";

/**
 * Copies `path` to `<base><suffix>` (or `<base><suffix>.N` if taken), where
 * `base` defaults to `path` itself, and returns the backup's path. The copy
 * keeps the file's mode, and is written like every other file
 * (io/atomic-write: all bytes, synced, renamed into place; a full disk leaves
 * no half backup), never over an existing one.
 */
export function backupFile(path: string, suffix = ".bak", base = path): string {
  const bytes = readFileSync(path);
  const mode = statSync(path).mode & 0o777;
  for (let n = 0; ; n++) {
    const target = n === 0 ? `${base}${suffix}` : `${base}${suffix}.${n}`;
    if (existsSync(target)) continue;
    try {
      writeFileAtomic(target, bytes, { mode, exclusive: true });
      return target;
    } catch (error) {
      // Taken between the check and the write (another process): try the next name.
      if (isBackpackError(error) && error.code === "USAGE" && existsSync(target)) continue;
      throw error;
    }
  }
}

/** The repository a file is in: its top folder and git's common dir. */
export interface BackupRepo {
  root: string;
  commonDir: string;
}

/**
 * Where the backup of `path` goes: inside a repository, a name in
 * `<common dir>/backpack/backups/` (made 0700) built from the path relative to
 * the top folder; elsewhere `path` itself (the backup sits beside the file).
 */
export function backupBase(repo: BackupRepo | undefined, path: string): string {
  if (!repo) return path;
  const dir = join(repo.commonDir, "backpack", "backups");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const rel = relative(repo.root, path);
  return join(dir, rel.startsWith("..") ? basename(path) : rel.replaceAll("/", "__"));
}

/** Backs up `path` out of the working tree of `repo` (backupBase), never over an earlier backup. */
export function backupOutsideWorkTree(repo: BackupRepo | undefined, path: string, suffix = ".bak"): string {
  return backupFile(path, suffix, backupBase(repo, path));
}
