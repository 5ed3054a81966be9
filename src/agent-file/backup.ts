/** Backups before a destructive rewrite: never overwrite an earlier backup. */
import { copyFileSync, constants, existsSync } from "node:fs";

/**
 * Copies `path` to `<base><suffix>` (or `<base><suffix>.N` if taken), where
 * `base` defaults to `path` itself, and returns the backup's path. The copy
 * keeps the file's mode.
 */
export function backupFile(path: string, suffix = ".bak", base = path): string {
  let target = `${base}${suffix}`;
  for (let n = 1; existsSync(target); n++) target = `${base}${suffix}.${n}`;
  copyFileSync(path, target, constants.COPYFILE_EXCL);
  return target;
}
