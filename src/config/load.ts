/**
 * Loading the effective configuration: flags > environment > repository
 * (`backpack.toml` at the top of the working tree) > user
 * (`$XDG_CONFIG_HOME/backpack/config.toml`) > defaults. Each value keeps its
 * origin, which `backpack config list --origin` prints. Files are checked
 * with the SETTINGS table's light validator: no schema library is loaded.
 */
import { join } from "node:path";
import { parse } from "smol-toml";
import { BackpackError } from "../errors/errors.js";
import { READ_LIMITS, readTextBoundedIfExists } from "../io/bounded-read.js";
import { REPO_CONFIG_FILE, userConfigPath } from "./paths.js";
import { type Config, type ConfigFile, type SettingValue, configFileProblem, repositoryFileProblem, resolveConfig } from "./settings.js";

export { REPO_CONFIG_FILE, userConfigPath };
export type { Config, ConfigEntry, Origin } from "./settings.js";

export interface LoadOptions {
  /** Top of the working tree, when inside a repository. */
  repoRoot?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Values given as command-line flags, by dotted name. */
  flags?: Record<string, SettingValue | undefined>;
  /**
   * Resolve each setting when it is read, so a bad variable for another
   * setting (BACKPACK_LOG=loud) does not fail this caller. Default: resolve
   * and check them all now.
   */
  lazy?: boolean;
}

/** Reads and parses one TOML file; an absent file is undefined. */
export function readTomlFile(path: string): unknown {
  const text = readTextBoundedIfExists(path, { limit: READ_LIMITS.config, label: path });
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new BackpackError("INVALID_FILE", `${path} is not valid TOML${line ? ` (line ${line})` : ""}`, "fix the file; see docs/configuration.md");
  }
}

/** The INVALID_FILE error for a config file with a problem at `where`. */
export function invalidConfig(path: string, where: string, message: string): BackpackError {
  return new BackpackError("INVALID_FILE", `${path}: ${where}: ${message}`, "see `backpack config list` for the settings and docs/configuration.md");
}

/** Reads and checks one config file; an absent file is empty. A repository's file may not set user-only settings. */
export function readConfigFile(path: string, scope: "user" | "repository" = "user"): ConfigFile {
  const data = readTomlFile(path);
  if (data === undefined) return {};
  const problem = configFileProblem(data) ?? (scope === "repository" ? repositoryFileProblem(data as ConfigFile) : undefined);
  if (problem) throw invalidConfig(path, problem.where, problem.message);
  return data as ConfigFile;
}

/** Loads the effective configuration (the files are always read and checked now). */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const userPath = userConfigPath(env);
  const repoPath = options.repoRoot ? join(options.repoRoot, REPO_CONFIG_FILE) : undefined;
  const config = resolveConfig({
    user: { path: userPath, file: readConfigFile(userPath) },
    repository: repoPath ? { path: repoPath, file: readConfigFile(repoPath, "repository") } : undefined,
    env,
    flags: options.flags,
  });
  if (!options.lazy) config.entries();
  return config;
}
