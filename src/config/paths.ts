/**
 * Where the config files are. Kept apart from load.ts (zod, TOML) so that the
 * textconv entry, which git starts once per file version, can look at them
 * without loading the parser.
 */
import { join } from "node:path";
import { userConfigDir } from "../keys/file-source.js";

/** The repository's config file, at the top of the working tree. */
export const REPO_CONFIG_FILE = "backpack.toml";

/** The user's config file path. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "config.toml");
}
