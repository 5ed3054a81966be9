/**
 * Where the config files are. Kept apart from load.ts (the TOML parser) so
 * that git's entry points can see whether there is a config file at all
 * without loading the parser.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { userInfo } from "node:os";
import { BackpackError } from "../errors/errors.js";

/**
 * The user's home folder: $HOME when it is an absolute path, else the account's own (the password
 * database's). A relative $HOME is ignored: git runs backpack at the top of a repository, where
 * `HOME=.` would make the repository's own `.config/backpack/config.toml` the user's config, with
 * the user's powers (`key_command`).
 */
export function userHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOME && isAbsolute(env.HOME)) return env.HOME;
  let home: string | undefined;
  try {
    home = userInfo().homedir;
  } catch {
    // An account with no entry in the password database (a container's arbitrary uid).
  }
  if (home && isAbsolute(home)) return home;
  throw new BackpackError("IO", "there is no home folder to keep your backpack config and keys in", "set HOME (or XDG_CONFIG_HOME) to an absolute path");
}

/**
 * The user's config folder, as the XDG base directory rules give it: $XDG_CONFIG_HOME when it is
 * an absolute path (the rules say to ignore a relative one), else ~/.config.
 */
export function xdgConfigHome(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && isAbsolute(xdg) ? xdg : join(userHome(env), ".config");
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
