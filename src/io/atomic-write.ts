/**
 * The one way backpack writes a file. Every byte is written (a short write,
 * as a nearly full disk gives, is continued until all bytes are down or the
 * system says why not), the file is synced, and only then renamed over the
 * old one; the folder is synced after the rename so the new name survives a
 * power cut. On any failure the temp file is removed and the old file is
 * left as it was. Errors a user can cause (ENOSPC, EDQUOT, EROFS, EACCES,
 * EPERM, ...) become one BackpackError IO (exit 11) naming the file, with a hint
 * (errors/file-error.ts). Appends (the log, the audit log) are output/append.ts:
 * the output layer sits below this one and writes its own files.
 *
 * Why not npm's write-file-atomic (7.0.1, checked): both its sync and async
 * paths call write() once and ignore the byte count it returns, which is the
 * very bug that truncated agent.lock on a full disk; it does not sync the
 * folder after the rename, and it brings signal-exit and a chown step we do
 * not want in the filters' bundle. The part it does (temp, write, fsync,
 * rename, cleanup) is a few lines with node:fs, so we keep our own, fixed.
 */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { errnoCode, fileError } from "../errors/file-error.js";
import { writeAll } from "../output/append.js";
import { nodeCrypto } from "./lazy-crypto.js";

export interface AtomicWriteOptions {
  /** File mode for a new file; an existing file keeps its own mode unless this is set. */
  mode?: number;
  /** Fail with USAGE (the file exists) instead of replacing an existing file (backups). */
  exclusive?: boolean;
}

/**
 * Syncs a folder, so a rename (or a new file) in it is on disk. Platforms
 * that cannot open or sync a folder (Windows; some network file systems) are
 * skipped: the file's own data is synced already.
 */
export function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EINVAL" && code !== "ENOTSUP" && code !== "EISDIR" && code !== "EBADF" && code !== "EPERM") {
      throw fileError(error, dir, "write", false);
    }
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or the folder went read-only: nothing more to do
  }
}

/** Writes `data` to `path` atomically and durably (see the module comment); throws IO naming the file. */
export function writeFileAtomic(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = statSync(path).mode & 0o7777;
    } catch {
      mode = 0o644;
    }
  }
  if (options.exclusive) {
    try {
      statSync(path);
      throw new BackpackError("USAGE", `${path} already exists`, "choose another name, or move it away first");
    } catch (error) {
      if (isBackpackError(error)) throw error;
    }
  }
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${nodeCrypto().randomBytes(6).toString("hex")}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, "wx", mode);
  } catch (error) {
    throw fileError(error, path);
  }
  try {
    writeAll(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw fileError(error, path);
  }
  try {
    closeSync(fd);
    if (options.exclusive) {
      // link() refuses to replace a file that appeared meanwhile; rename() would not.
      linkSync(temp, path);
      removeQuietly(temp);
    } else {
      renameSync(temp, path);
    }
  } catch (error) {
    removeQuietly(temp);
    if (options.exclusive && errnoCode(error) === "EEXIST") throw new BackpackError("USAGE", `${path} already exists`, "choose another name, or move it away first");
    throw fileError(error, path);
  }
  syncDirectory(dir);
}

/**
 * Renames `from` to `to` and syncs the folder(s), for moves that carry no new
 * bytes (a hook moved aside to chain it, a staged template folder swapped in).
 */
export function renameDurable(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    throw fileError(error, to, "replace");
  }
  syncDirectory(dirname(to));
  if (dirname(from) !== dirname(to)) syncDirectory(dirname(from));
}

export { appendFileDurable, writeAll } from "../output/append.js";
export { fileError } from "../errors/file-error.js";
