/** Whether git ignores a path (`git check-ignore`), for warnings about plain-text files. */
import { dirname } from "node:path";
import { git } from "./exec.js";

/** True when git ignores `path`; undefined outside a repository. */
export function isIgnoredByGit(path: string): boolean | undefined {
  const r = git(["check-ignore", "-q", "--", path], { cwd: dirname(path), allowFail: true });
  // 0: ignored, 1: not ignored, 128: not in a repository (or another fatal error).
  if (r.status === 0) return true;
  if (r.status === 1) return false;
  return undefined;
}
