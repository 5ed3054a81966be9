/**
 * Where configuration and the key file live. Kept apart from load.ts and the
 * key stores (which pull in the schema library) so that the git entry points
 * can check whether a file exists at all before paying for loading it.
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

/** The file store of keys and vault values (see src/keys/file-source.ts). */
export function keyStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "keys.json");
}
