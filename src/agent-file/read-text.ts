/**
 * Reading an agent.lock's text from disk: bounded, special files refused
 * unread (io/bounded-read.ts). Light (no schema library), for the commands
 * and checks that only look at a file's form.
 */
import { dirname, resolve } from "node:path";
import { workTreeTop } from "../config/paths.js";
import { BackpackError } from "../errors/errors.js";
import { READ_LIMITS, type SymlinkPolicy, readTextBounded } from "../io/bounded-read.js";

/**
 * How a symlinked agent.lock is treated: inside a repository, followed only to
 * a file inside that repository (a clone may hold `agent.lock -> ~/.ssh/...`
 * or `-> /dev/zero`); elsewhere followed. Either way the target must be a
 * regular file (see io/bounded-read.ts).
 */
export function agentLockSymlinkPolicy(path: string): SymlinkPolicy {
  const top = workTreeTop(dirname(resolve(path)));
  return top ? { within: top } : "follow";
}

/** Reads an agent.lock's text, bounded (READ_LIMITS.agentLock), refusing special files; NOT_FOUND / IO errors as BackpackError. */
export function readAgentFileText(path: string): string {
  try {
    return readTextBounded(path, { limit: READ_LIMITS.agentLock, label: path, symlinks: agentLockSymlinkPolicy(path) });
  } catch (error) {
    if (error instanceof BackpackError && error.code === "NOT_FOUND") {
      throw new BackpackError("NOT_FOUND", `${path} does not exist`, "create one with `backpack init`, or name the file");
    }
    if (error instanceof BackpackError && error.code === "USAGE") throw new BackpackError("USAGE", `${path} is a folder, not an agent.lock`, "name the agent.lock file");
    throw error;
  }
}

