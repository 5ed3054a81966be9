/**
 * Appends for the files the output layer writes itself (the log file, the
 * audit log): every byte, or none. Also the byte loop every write uses
 * (io/atomic-write), since a short write is what a nearly full disk gives.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { fileError } from "../errors/file-error.js";

/**
 * Writes every byte of `data` to `fd` at the current position, continuing
 * after a short write. A write that makes no progress throws ENOSPC (what a
 * full disk gives when it accepts zero bytes without an error).
 */
export function writeAll(fd: number, data: Buffer): void {
  let at = 0;
  while (at < data.length) {
    const n = writeSync(fd, data, at, data.length - at);
    if (n <= 0) throw Object.assign(new Error("write made no progress"), { code: "ENOSPC" });
    at += n;
  }
}

export interface AppendOptions {
  /** Mode of the file when this append creates it. */
  mode?: number;
  /** fsync after the append (the audit log: a record must survive a crash). */
  sync?: boolean;
}

/**
 * Appends `text` to `path` (created if missing), every byte or none: when
 * the disk fills mid-line, what this call wrote is cut off again, so a
 * line-per-record log never ends in half a record. Throws IO naming the file.
 */
export function appendFileDurable(path: string, text: string, options: AppendOptions = {}): void {
  let fd: number;
  try {
    fd = openSync(path, "a", options.mode ?? 0o600);
  } catch (error) {
    throw fileError(error, path, "append to");
  }
  let start = -1;
  const data = Buffer.from(text, "utf8");
  try {
    start = fstatSync(fd).size;
    writeAll(fd, data);
    if (options.sync) fsyncSync(fd);
  } catch (error) {
    // Cut back to where we began, unless another process appended meanwhile.
    try {
      const size = fstatSync(fd).size;
      if (start >= 0 && size > start && size <= start + data.length) ftruncateSync(fd, start);
    } catch {
      // the disk refuses even that: the error below still says what happened
    }
    closeSync(fd);
    throw fileError(error, path, "append to");
  }
  try {
    closeSync(fd);
  } catch (error) {
    throw fileError(error, path, "append to", false);
  }
}
