/**
 * Loading the effective configuration: flags > environment > repository
 * (`backpack.toml` at the top of the working tree) > user
 * (`$XDG_CONFIG_HOME/backpack/config.toml`) > defaults. Each value keeps its
 * origin, which `backpack config list --origin` prints. Files are checked
 * with the SETTINGS table's light validator: no schema library is loaded.
 */
import { dirname, join } from "node:path";
import { parse } from "smol-toml";
import { BackpackError } from "../errors/errors.js";
import { READ_LIMITS, readTextBoundedIfExists } from "../io/bounded-read.js";
import { REPO_CONFIG_FILE, userConfigPath } from "./paths.js";
import { log } from "../output/log.js";
import { type Config, type ConfigFile, RESTRICTED_SETTINGS, type SettingValue, configFileProblem, getFromFile, repositoryFileProblem, resolveConfig, setInFile } from "./settings.js";
import { isTrusted } from "./trust.js";

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
  return parseToml(text, path);
}

function parseToml(text: string, path: string): unknown {
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
  return readCheckedConfig(path, scope)?.file ?? {};
}

function readCheckedConfig(path: string, scope: "user" | "repository"): { file: ConfigFile; text: string } | undefined {
  // A repository's file came with the clone: a link is followed only to a file inside it (as every repository file is read).
  const text = readTextBoundedIfExists(path, { limit: READ_LIMITS.config, label: path, ...(scope === "repository" ? { symlinks: { within: dirname(path) } } : {}) });
  if (text === undefined) return undefined;
  const data = parseToml(text, path);
  const problem = configFileProblem(data) ?? (scope === "repository" ? repositoryFileProblem(data as ConfigFile) : undefined);
  if (problem) throw invalidConfig(path, problem.where, problem.message);
  return { file: data as ConfigFile, text };
}

/** The restricted settings (settings.ts `repository: false`) a config file sets. */
export function restrictedSettingsIn(file: ConfigFile): string[] {
  return RESTRICTED_SETTINGS.filter((name) => getFromFile(file, name) !== undefined);
}

const warned = new Set<string>();

/**
 * The repository's config file as it applies: every setting it sets, but
 * the restricted ones only when the user trusts this file's exact content
 * (trust.ts); those are dropped otherwise, with one warning that names them
 * and `backpack trust`. The trust store is read only when the file sets a
 * restricted setting.
 */
export function readRepositoryConfig(root: string, env: NodeJS.ProcessEnv): { path: string; file: ConfigFile; ignored: string[] } {
  const path = join(root, REPO_CONFIG_FILE);
  const read = readCheckedConfig(path, "repository");
  if (!read) return { path, file: {}, ignored: [] };
  const found = restrictedSettingsIn(read.file);
  if (found.length === 0) return { path, file: read.file, ignored: [] };
  // (A user-only setting never gets here: readCheckedConfig refused the file.)
  if (isTrusted(root, read.text, env)) return { path, file: read.file, ignored: [] };
  const restricted = found;
  let file = read.file;
  for (const name of restricted) file = setInFile(file, name, undefined);
  if (!warned.has(path)) {
    warned.add(path);
    log.warn(
      `${path} sets ${restricted.join(", ")}, which a repository may set only once you trust it: ignored. Read the file, then run \`backpack trust\` in the repository to apply it (see docs/configuration.md)`,
    );
  }
  return { path, file, ignored: restricted };
}

/** Loads the effective configuration (the files are always read and checked now). */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const userPath = userConfigPath(env);
  const config = resolveConfig({
    user: { path: userPath, file: readConfigFile(userPath) },
    repository: options.repoRoot ? readRepositoryConfig(options.repoRoot, env) : undefined,
    env,
    flags: options.flags,
  });
  if (!options.lazy) config.entries();
  return config;
}
