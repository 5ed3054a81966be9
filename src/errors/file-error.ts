/**
 * A Node fs error as one line a user can act on: what the system said, in
 * words, with its code, and what to do. Used by every write (io/atomic-write,
 * output/append) so a full disk reads the same everywhere.
 */
import { BackpackError, isBackpackError } from "./errors.js";

/** What each errno means to a user, and what to do about it. */
const REASONS: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: "no space left on the disk", hint: "free some space on that disk, then run the command again" },
  EDQUOT: { what: "your disk quota is used up", hint: "free some space within your quota, then run the command again" },
  EROFS: { what: "the file system is read-only", hint: "remount it read-write, or work on a copy in a writable folder" },
  EACCES: { what: "permission denied", hint: "check that you own the file and may write to its folder" },
  EPERM: { what: "operation not permitted", hint: "check the file's permissions and attributes (chattr +i, a read-only mount, a sandbox)" },
  EFBIG: { what: "the file is too large for this file system", hint: "check the file system's limits" },
  EIO: { what: "an input/output error", hint: "check the disk (dmesg, fsck); the old file was left as it was" },
  ENOENT: { what: "its folder does not exist", hint: "check the path" },
  ENOTDIR: { what: "a part of its path is not a folder", hint: "check the path" },
  EISDIR: { what: "it is a folder", hint: "give the path of a file" },
};

/** The errno code of a Node error, if any. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" ? (error as NodeJS.ErrnoException).code : undefined;
}

/**
 * A Node fs error as one line a user can act on: "cannot write PATH: no space
 * left on the disk (ENOSPC); the file was not changed". Already-typed errors pass through.
 */
export function fileError(error: unknown, path: string, action: "write" | "append to" | "create" | "replace" | "remove" | "read" = "write", unchanged = true): BackpackError {
  if (isBackpackError(error)) return error;
  const code = errnoCode(error);
  const reason = code ? REASONS[code] : undefined;
  const tail = unchanged && action !== "read" ? "; the file was not changed" : "";
  const what = reason ? `${reason.what} (${code})` : (code ?? "error");
  return new BackpackError("IO", `cannot ${action} ${path}: ${what}${tail}`, reason?.hint ?? "run again with --debug for details", { cause: error });
}

