/**
 * Where configuration lives. Kept apart from load.ts (which pulls in the
 * schema library) so that the git entry points can check whether a config
 * file exists at all before paying for loading one.
 */
import { homedir } from "node:os";
import { join } from "node:path";

/** The repository's config file, at the top of the working tree. */
export const REPO_CONFIG_FILE = "backpack.toml";

/** The user's backpack config folder ($XDG_CONFIG_HOME/backpack, else ~/.config/backpack). */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "backpack");
}

/** The user's config file path. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "config.toml");
}
