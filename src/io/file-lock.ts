/**
 * An advisory lock next to a file, so that two writers (two agents, an agent
 * and `backpack memory set`) never lose each other's update. The lock is a
 * file created with O_EXCL (`.NAME.lock` in the same folder) holding the
 * owner's pid, host and a nonce. A lock whose owner died on this host, or that
 * has not been refreshed for `staleMs`, is broken; a live owner refreshes its
 * mtime while it holds the lock, so a slow update is never taken for stale.
 *
 * Why not proper-lockfile (reviewed against 4.1): it judges a lock stale by
 * its mtime alone, so after a `kill -9` every other process waits out the
 * stale time (10 s there); this lock also knows its owner's pid and host and
 * breaks a lock whose owner died on this machine at once. It takes the same
 * care elsewhere: an O_EXCL create (proper-lockfile: mkdir), an mtime refresh
 * while held, a takeover noticed on release, and breaking a stale lock by
 * rename so two breakers never both win. It stays dependency-free, so the
 * filters' bundle (which takes locks) does not grow.
 */
import { nodeCrypto } from "./lazy-crypto.js";
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BackpackError } from "../errors/errors.js";
import { log } from "../output/log.js";
import { fileError, writeAll } from "./atomic-write.js";

export interface LockOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** A lock not refreshed for this long is stale (default 30 s). */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
}

/** The lock file guarding `target`. */
export function lockPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

function readOwner(path: string): { owner: LockOwner | undefined; text: string; mtimeMs: number } | undefined {
  try {
    const text = readFileSync(path, "utf8");
    const mtimeMs = statSync(path).mtimeMs;
    let owner: LockOwner | undefined;
    try {
      const json = JSON.parse(text) as Partial<LockOwner>;
      if (typeof json.pid === "number" && typeof json.host === "string" && typeof json.nonce === "string") owner = json as LockOwner;
    } catch {
      owner = undefined; // being written right now, or damaged: judged by age alone
    }
    return { owner, text, mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(found: { owner: LockOwner | undefined; mtimeMs: number }, staleMs: number): boolean {
  if (Date.now() - found.mtimeMs > staleMs) return true;
  return found.owner !== undefined && found.owner.host === hostname() && !processAlive(found.owner.pid);
}

/**
 * Moves a stale lock aside and deletes it. Renaming first means that of two
 * processes breaking the same stale lock, only one succeeds; if what was moved
 * turns out to be a fresh lock (taken between our read and the rename), it is
 * put back with link(), which refuses to overwrite a newer one.
 */
function breakStaleLock(path: string, judged: string): void {
  const aside = `${path}.stale-${nodeCrypto().randomBytes(6).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else broke it first
  }
  let moved = "";
  try {
    moved = readFileSync(aside, "utf8");
  } catch {
    // unreadable: treat as the stale one
    moved = judged;
  }
  if (moved !== judged) {
    try {
      linkSync(aside, path);
    } catch {
      // A newer lock is in place already; the residual race needs three
      // processes interleaving within microseconds around a stale lock.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw fileError(error, path, "create", false);
  }
  try {
    writeAll(fd, Buffer.from(JSON.stringify(owner)));
    closeSync(fd);
  } catch (error) {
    // A lock file without its owner (a full disk) would block everyone until it is stale: remove it.
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
    throw fileError(error, path, "create", false);
  }
  return true;
}

/** One attempt state shared by the async and sync waits. */
interface Attempt {
  path: string;
  owner: LockOwner;
  staleMs: number;
  deadline: number;
  delay: number;
  lastOwner: LockOwner | undefined;
}

function startAttempt(target: string, options: LockOptions): Attempt {
  return {
    path: lockPathFor(target),
    owner: { pid: process.pid, host: hostname(), nonce: nodeCrypto().randomBytes(8).toString("hex") },
    staleMs: options.staleMs ?? 30_000,
    deadline: Date.now() + (options.timeoutMs ?? 10_000),
    delay: 2,
    lastOwner: undefined,
  };
}

/** Tries once: true when the lock is ours; else the milliseconds to wait before trying again. Throws CONFLICT past the deadline. */
function tryOnce(target: string, a: Attempt): true | number {
  if (tryCreate(a.path, a.owner)) return true;
  const found = readOwner(a.path);
  if (found) {
    a.lastOwner = found.owner;
    if (isStale(found, a.staleMs)) {
      log.info("breaking a stale lock", { operation: "lock", file: a.path, pid: found.owner?.pid });
      breakStaleLock(a.path, found.text);
      return 0;
    }
  }
  if (Date.now() >= a.deadline) {
    const by = a.lastOwner ? ` by process ${a.lastOwner.pid}${a.lastOwner.host === hostname() ? "" : ` on ${a.lastOwner.host}`}` : "";
    throw new BackpackError("CONFLICT", `${target} is locked${by}`, `wait for it to finish; if no backpack process is running, remove ${a.path}`);
  }
  const wait = a.delay + Math.random() * a.delay;
  a.delay = Math.min(a.delay * 2, 100);
  return wait;
}

/**
 * Runs `fn` while holding the lock for `target`; waits (with backoff) while
 * another process holds it. Throws BackpackError CONFLICT after the timeout.
 */
export async function withFileLock<T>(target: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const a = startAttempt(target, options);
  for (let r = tryOnce(target, a); r !== true; r = tryOnce(target, a)) if (r > 0) await sleep(r);
  // Keep the lock fresh while a slow update runs, so no one takes it for stale.
  const refresh = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(a.path, now, now);
    } catch {
      // broken by someone else; release() notices
    }
  }, Math.max(50, Math.floor(a.staleMs / 3)));
  refresh.unref();
  try {
    return await fn();
  } finally {
    clearInterval(refresh);
    release(a.path, a.owner);
  }
}

/**
 * The same lock for synchronous code (a config file's read-modify-write):
 * waits by blocking the thread. `fn` must be quick: nothing refreshes the
 * lock while it runs.
 */
export function withFileLockSync<T>(target: string, fn: () => T, options: LockOptions = {}): T {
  const a = startAttempt(target, options);
  const blocker = new Int32Array(new SharedArrayBuffer(4));
  for (let r = tryOnce(target, a); r !== true; r = tryOnce(target, a)) if (r > 0) Atomics.wait(blocker, 0, 0, r);
  try {
    return fn();
  } finally {
    release(a.path, a.owner);
  }
}

function release(path: string, owner: LockOwner): void {
  const found = readOwner(path);
  if (found?.owner?.nonce !== owner.nonce) {
    log.warn("the lock was taken over while held (judged stale by another process)", { operation: "lock", file: path });
    return;
  }
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
