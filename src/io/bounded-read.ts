/**
 * The one way backpack reads a file that came with a repository or from a
 * user's hand (an agent.lock, a bundle, a .env, a scanned file, a config
 * file): bounded in size, and only if it is a regular file. A clone may
 * hold `agent.lock -> /dev/zero` (a plain read grows until memory runs out),
 * a FIFO (a read blocks forever), or a symlink out of the repository (a read
 * of someone else's file). So the file is opened with O_NOFOLLOW|O_NONBLOCK,
 * checked with fstat on the descriptor it was opened as (no race between a
 * check and the read), and read up to its limit, never further.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";

const MIB = 1024 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The limits, one per kind of file, in bytes. */
export const READ_LIMITS = {
  /** An agent.lock in either form (memory is its large part). */
  agentLock: 64 * MIB,
  /** A bundle made by `backpack export`. */
  bundle: 64 * MIB,
  /** A .env file. */
  env: 4 * MIB,
  /** A file the secret scanner reads; larger ones are skipped with a note. */
  scanned: 16 * MIB,
  /** backpack.toml, config.toml, the trust store, a scan baseline. */
  config: 4 * MIB,
} as const;

/** How a symlink at the path is treated: refused, followed only to a file inside `within`, or followed. */
export type SymlinkPolicy = "refuse" | { within: string } | "follow";

export interface BoundedReadOptions {
  /** The most bytes the file may hold. */
  limit: number;
  /** What the file is, for messages ("agent.lock", "bundle"); default: the path. */
  label?: string;
  /** Default: "follow" (the target must still be a regular file). */
  symlinks?: SymlinkPolicy;
}

function describeType(mode: number): string {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFIFO:
      return "a FIFO (named pipe)";
    case constants.S_IFCHR:
      return "a character device";
    case constants.S_IFBLK:
      return "a block device";
    case constants.S_IFSOCK:
      return "a socket";
    case constants.S_IFDIR:
      return "a folder";
    default:
      return "not a regular file";
  }
}

/** Bytes as "64 MiB" or "812 bytes", for the limit in messages. */
export function formatLimit(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The path to open: the path itself, or a symlink's target when the policy allows it. */
function pathToOpen(path: string, policy: SymlinkPolicy, name: string): string {
  let isLink: boolean;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return path; // let open() report it
  }
  if (!isLink) return path;
  if (policy === "refuse") {
    throw new BackpackError("INVALID_FILE", `${name} is a symbolic link; refused without reading it`, "replace the link with the file itself");
  }
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    throw new BackpackError("NOT_FOUND", `${name} is a symbolic link to a file that does not exist`, "replace the link with the file itself");
  }
  if (policy === "follow") return target;
  let root = resolve(policy.within);
  try {
    root = realpathSync(root);
  } catch {
    // the folder itself is gone: nothing is inside it
  }
  if (!isInside(root, target)) {
    throw new BackpackError("INVALID_FILE", `${name} is a symbolic link out of the repository; refused without reading it`, "a file from a repository may not point outside it: replace the link with the file itself");
  }
  return target;
}

/**
 * A regular file's bytes, at most `limit` of them. Errors (all BackpackError):
 * NOT_FOUND for a missing file; INVALID_FILE for a FIFO, device, socket, a
 * refused symlink, or a file over the limit; USAGE for a folder; IO otherwise.
 */
export function readFileBounded(path: string, options: BoundedReadOptions): Buffer {
  const name = options.label ?? path;
  const target = pathToOpen(path, options.symlinks ?? "follow", name);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat could refuse it.
    fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new BackpackError("NOT_FOUND", `${name} does not exist`, "check the path");
    if (code === "ELOOP") throw new BackpackError("INVALID_FILE", `${name} is a symbolic link; refused without reading it`, "replace the link with the file itself");
    if (code === "EISDIR") throw new BackpackError("USAGE", `${name} is a folder, not a file`, "name the file");
    throw new BackpackError("IO", `cannot read ${name} (${code ?? "error"})`, "check the file's permissions");
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new BackpackError("USAGE", `${name} is a folder, not a file`, "name the file");
    if (!stat.isFile()) throw new BackpackError("INVALID_FILE", `${name} is ${describeType(stat.mode)}; refused without reading it`, "only a regular file is read");
    if (stat.size > options.limit) throw tooLarge(name, options.limit);
    return readUpTo(fd, options.limit, name, stat.size);
  } finally {
    closeSync(fd);
  }
}

/** The text (UTF-8) of a regular file, bounded as readFileBounded. */
export function readTextBounded(path: string, options: BoundedReadOptions): string {
  return readFileBounded(path, options).toString("utf8");
}

/** Like readTextBounded, but undefined when the file does not exist. */
export function readTextBoundedIfExists(path: string, options: BoundedReadOptions): string | undefined {
  try {
    return readTextBounded(path, options);
  } catch (error) {
    if (error instanceof BackpackError && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

/** Standard input, at most `limit` bytes (a bundle piped in, `-`). */
export function readStdinBounded(limit: number, label = "standard input"): Buffer {
  return readUpTo(0, limit, label, 0);
}

function tooLarge(name: string, limit: number): BackpackError {
  return new BackpackError("INVALID_FILE", `${name} is larger than ${formatLimit(limit)}, the most backpack reads for it`, "check that it is the file you meant");
}

/** Reads until the end, failing once more than `limit` bytes arrive (a file can grow after fstat). */
function readUpTo(fd: number, limit: number, name: string, sizeHint: number): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1, 64 * 1024), limit + 1));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        // A non-blocking pipe on stdin with no data yet: wait a moment, never spin.
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (code === "EOF") break;
      throw new BackpackError("IO", `cannot read ${name} (${code ?? "error"})`, "check the file's permissions");
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw tooLarge(name, limit);
    parts.push(Buffer.from(chunk.subarray(0, n)));
    if (n === chunk.length) chunk = Buffer.allocUnsafe(Math.min(chunk.length * 2, limit + 1));
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total);
}
