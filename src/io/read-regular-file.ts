/**
 * Reading a small file that came with a repository (untrusted input): only a
 * regular file (a symlink, FIFO or device is refused unread), and only up to
 * a bound. A shorthand for the one bounded read (./bounded-read.ts) that the
 * team file, key files and identity files use.
 */
import { readTextBoundedIfExists } from "./bounded-read.js";

/** The file's text, or undefined when it does not exist. INVALID_FILE for a symlink, a special or an oversized file. */
export function readRegularFile(path: string, maxBytes: number, label: string = path): string | undefined {
  return readTextBoundedIfExists(path, { limit: maxBytes, label, symlinks: "refuse" });
}
