/**
 * Where the config files are. Kept apart from load.ts (the TOML parser) so
 * that git's entry points can see whether there is a config file at all
 * without loading the parser.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { homedir } from "node:os";

/** The user's config folder, as the XDG base directory rules give it ($XDG_CONFIG_HOME, else ~/.config). */
export function xdgConfigHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
}

/** The user's backpack config folder. */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdgConfigHome(env), "backpack");
}

/** The repository's config file, at the top of the working tree. */
export const REPO_CONFIG_FILE = "backpack.toml";

/** The user's config file path. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "config.toml");
}

/**
 * The top of the working tree around `cwd`, found by walking up to the first
 * `.git` (a folder, or the file of a linked worktree or submodule): no git
 * process, so the hot paths can afford it.
 */
export function workTreeTop(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The config files that exist: the repository's (when `repoRoot` is given) and the user's. */
export function presentConfigFiles(repoRoot: string | undefined, env: NodeJS.ProcessEnv): { repository?: string; user?: string } {
  const repository = repoRoot ? join(repoRoot, REPO_CONFIG_FILE) : undefined;
  const user = userConfigPath(env);
  return { ...(repository && existsSync(repository) ? { repository } : {}), ...(existsSync(user) ? { user } : {}) };
}
