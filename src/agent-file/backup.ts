/** Backups before a destructive rewrite: never overwrite an earlier backup. */
import { existsSync, readFileSync, statSync } from "node:fs";
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
