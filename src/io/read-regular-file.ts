/**
 * Reading a small file that came with a repository (untrusted input): only a
 * regular file (a symlink, FIFO or device is refused unread: O_NOFOLLOW and
 * O_NONBLOCK, then fstat), and only up to a bound.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { BackpackError } from "../errors/errors.js";

/** The file's text, or undefined when it does not exist. INVALID_FILE for a special or oversized file. */
export function readRegularFile(path: string, maxBytes: number, label: string = path): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "ELOOP") throw new BackpackError("INVALID_FILE", `${label} is a symbolic link; backpack reads it only as a regular file`, `replace it with the file itself`);
    throw new BackpackError("IO", `cannot read ${label} (${code ?? "error"})`, "check the file's permissions");
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new BackpackError("INVALID_FILE", `${label} is not a regular file`, "replace it with the file itself");
    if (stat.size > maxBytes) throw new BackpackError("INVALID_FILE", `${label} is larger than ${maxBytes} bytes`, "restore it from git");
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
