/**
 * Loading the effective configuration: flags > environment > repository
 * (`backpack.toml` at the top of the working tree) > user
 * (`$XDG_CONFIG_HOME/backpack/config.toml`) > defaults. Each value keeps its
 * origin, which `backpack config list --origin` prints.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse, stringify } from "smol-toml";
import { BackpackError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { closestNames } from "../suggest.js";
import { REPO_CONFIG_FILE, userConfigPath } from "./paths.js";
import { type ConfigFile, type SettingValue, SETTINGS, coerceSetting, configFileSchema, getFromFile, setInFile, settingSpec } from "./schema.js";

export { REPO_CONFIG_FILE, userConfigPath };

export type Origin = "flag" | "environment" | "repository" | "user" | "default";

export interface ConfigEntry {
  value: SettingValue;
  origin: Origin;
  /** The file or variable it came from. */
  where?: string;
}

export interface Config {
  get(name: string): SettingValue;
  /** Every setting with its origin, in SETTINGS order. */
  entries(): Array<[string, ConfigEntry]>;
  /** The config files read (absent ones included). */
  files: { repository?: string; user: string };
}

export interface LoadOptions {
  /** Top of the working tree, when inside a repository. */
  repoRoot?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Values given as command-line flags, by dotted name. */
  flags?: Record<string, SettingValue | undefined>;
}

/** Reads and validates one config file; an absent file is empty. */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new BackpackError("IO", `cannot read ${path}`, "check the file's permissions");
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new BackpackError("INVALID_FILE", `${path} is not valid TOML${line ? ` (line ${line})` : ""}`, "fix the file; see docs/configuration.md");
  }
  const parsed = configFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "top level";
    const unknown = issue?.code === "unrecognized_keys" ? ` (unknown setting ${issue.keys.join(", ")})` : "";
    throw new BackpackError("INVALID_FILE", `${path}: ${where}: ${issue?.message ?? "invalid"}${unknown}`, "see `backpack config list` for the settings and docs/configuration.md");
  }
  return parsed.data;
}

/** Loads the effective configuration. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const userPath = userConfigPath(env);
  const repoPath = options.repoRoot ? join(options.repoRoot, REPO_CONFIG_FILE) : undefined;
  const user = readConfigFile(userPath);
  const repo = repoPath ? readConfigFile(repoPath) : {};
  const resolved = new Map<string, ConfigEntry>();
  for (const spec of SETTINGS) {
    const flag = options.flags?.[spec.name];
    const envText = spec.env ? env[spec.env] : undefined;
    const envValue = envText !== undefined && envText !== "" ? coerceSetting(spec, envText) : undefined;
    if (envText && envValue === undefined) {
      throw new BackpackError("USAGE", `${spec.env} has an invalid value for ${spec.name}`, `expected ${spec.choices ? spec.choices.join(", ") : `a ${spec.type}`}`);
    }
    const fromRepo = getFromFile(repo, spec.name);
    const fromUser = getFromFile(user, spec.name);
    let entry: ConfigEntry;
    if (flag !== undefined) entry = { value: flag, origin: "flag" };
    else if (envValue !== undefined) entry = { value: envValue, origin: "environment", where: spec.env };
    else if (fromRepo !== undefined) entry = { value: fromRepo, origin: "repository", where: repoPath };
    else if (fromUser !== undefined) entry = { value: fromUser, origin: "user", where: userPath };
    else entry = { value: spec.default, origin: "default" };
    resolved.set(spec.name, entry);
  }
  return {
    get(name) {
      const entry = resolved.get(name);
      if (!entry) throw unknownSetting(name);
      return entry.value;
    },
    entries: () => [...resolved.entries()],
    files: repoPath ? { repository: repoPath, user: userPath } : { user: userPath },
  };
}

function unknownSetting(name: string): BackpackError {
  const close = closestNames(name, SETTINGS.map((s) => s.name));
  return new BackpackError("USAGE", `unknown setting ${name}`, close.length ? `did you mean ${close.join(", ")}?` : "see `backpack config list`");
}

/**
 * Sets (or with `value` undefined, unsets) one setting in a config file,
 * validating the whole file before writing it atomically.
 */
export function writeSetting(path: string, name: string, text: string | undefined): SettingValue | undefined {
  const spec = settingSpec(name);
  if (!spec) throw unknownSetting(name);
  let value: SettingValue | undefined;
  if (text !== undefined) {
    value = coerceSetting(spec, text);
    if (value === undefined) {
      throw new BackpackError("USAGE", `"${text}" is not a valid value for ${name}`, `expected ${spec.choices ? spec.choices.join(", ") : `a ${spec.type}`}`);
    }
  }
  const next = setInFile(readConfigFile(path), name, value);
  const checked = configFileSchema.safeParse(next);
  if (!checked.success) {
    throw new BackpackError("USAGE", `"${text}" is not a valid value for ${name} (${checked.error.issues[0]?.message ?? "invalid"})`, "see docs/configuration.md");
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, `${stringify(checked.data)}\n`);
  return value;
}
