/** Backups before a destructive rewrite: never overwrite an earlier backup. */
import { copyFileSync, constants, existsSync } from "node:fs";

/** Copies `path` to `path<suffix>` (or `path<suffix>.N` if taken) and returns the backup path. */
export function backupFile(path: string, suffix = ".bak"): string {
  let target = `${path}${suffix}`;
  for (let n = 1; existsSync(target); n++) target = `${path}${suffix}.${n}`;
  copyFileSync(path, target, constants.COPYFILE_EXCL);
  return target;
}
