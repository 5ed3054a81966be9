/**
 * Finding the agent.lock a command means when it names none: the one in the
 * current folder, else the nearest one above it, up to the top of the working
 * tree, the way git finds `.git`. Outside a repository only the current folder
 * counts, so a stray agent.lock in a home folder is never picked up.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { workTreeTop } from "../config/paths.js";

/** The default file name commands use. */
export const DEFAULT_AGENT_FILE = "agent.lock";

/**
 * The agent.lock to use for `name` seen from `cwd`: `name` itself when it is
 * not the default or exists; else the nearest agent.lock above `cwd` within
 * its working tree, as a path relative to `cwd` (`../agent.lock`); else `name`
 * (so the command reports the missing file as it always did).
 */
export function locateAgentFile(cwd: string, name: string): { path: string; above: boolean } {
  if (name !== DEFAULT_AGENT_FILE || existsSync(resolve(cwd, name))) return { path: name, above: false };
  const top = workTreeTop(cwd);
  if (!top) return { path: name, above: false };
  let dir = resolve(cwd);
  while (dir !== top && dirname(dir) !== dir) {
    dir = dirname(dir);
    const candidate = join(dir, DEFAULT_AGENT_FILE);
    if (existsSync(candidate)) return { path: relative(cwd, candidate), above: true };
  }
  return { path: name, above: false };
}
