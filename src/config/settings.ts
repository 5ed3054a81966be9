/**
 * The settings backpack reads from `backpack.toml` (in the repository) and the
 * user's config file: one table (SETTINGS) that says each setting's dotted
 * name, type, limits, default and environment variable. Everything else is
 * driven by it: the light validator below (what every load uses, git's hot
 * paths included, so no schema library is loaded to read a config file), the
 * zod schema that `backpack config` and `doctor` check with (./schema.ts,
 * built from this table), and the precedence flags > environment > repository
 * > user > defaults. Pure: no IO.
 */
import { BackpackError } from "../errors/errors.js";
import { closestNames } from "../errors/suggest.js";

export type SettingValue = string | number | boolean | string[];

/** A config file as parsed from TOML: nested tables of setting values. */
export interface ConfigFile {
  [key: string]: SettingValue | ConfigFile | undefined;
}

/** One setting: its dotted name, default, type, limits and (optional) environment variable. */
export interface SettingSpec {
  name: string;
  describe: string;
  type: "string" | "integer" | "boolean" | "list";
  default: SettingValue;
  env?: string;
  /** Allowed values, for strings with a fixed set. */
  choices?: readonly string[];
  /** For strings: a pattern the whole value must match, and what it is called in errors. */
  pattern?: { regex: RegExp; what: string };
  /** For strings: the empty string is refused. */
  nonEmpty?: boolean;
  /** For integers: the inclusive range. */
  min?: number;
  max?: number;
  /**
   * Whether a repository's backpack.toml may set it on its own. A setting
   * that writes outside the repository, reveals secrets, runs commands, or
   * picks where the key comes from is taken from a repository only once the
   * user trusts it (`backpack trust`, trust.ts); otherwise only from the
   * user's config, the environment and flags.
   */
  repository: boolean;
  /**
   * Never from a repository, trusted or not: only the user's config, flags
   * and environment (settings that run commands, or let a credential change
   * how programs start). A repository's file that sets one is refused.
   */
  userOnly?: boolean;
  /** Why it may or may not come from a repository (docs/configuration.md's table). */
  why: string;
}

const LOG_LEVELS = ["silent", "error", "warn", "info", "debug"] as const;

/** Every setting, in the order `config list` prints them. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    name: "master_key_env",
    describe: "environment variable that holds the master key or passphrase",
    type: "string",
    default: "AGENT_MASTER_KEY",
    env: "BACKPACK_MASTER_KEY_ENV",
    pattern: { regex: /^[A-Za-z_][A-Za-z0-9_]*$/, what: "an environment variable name" },
    repository: false,
    why: "picks where the key comes from: a repository could turn any variable you hold (a token) into its key",
  },
  { name: "log_level", describe: "silent, error, warn, info or debug", type: "string", default: "warn", env: "BACKPACK_LOG", choices: LOG_LEVELS, repository: true, why: "only how much is said; no level prints a secret" },
  { name: "log_file", describe: "also write log lines (JSON) to this file", type: "string", default: "", env: "BACKPACK_LOG_FILE", repository: false, why: "writes to a path it names, anywhere in your home (a shell start-up file)" },
  { name: "audit_log", describe: "append key access and agent.lock changes (JSON lines) to this file", type: "string", default: "", env: "BACKPACK_AUDIT_LOG", repository: false, why: "writes to a path it names, anywhere in your home" },
  { name: "keychain_service", describe: "service name of the OS keychain entries", type: "string", default: "backpack-agent", env: "BACKPACK_KEYCHAIN_SERVICE", nonEmpty: true, repository: false, why: "picks which keychain entries are read and written" },
  { name: "default_template_dir", describe: "extra folder searched for agent templates", type: "string", default: "", env: "BACKPACK_TEMPLATE_DIR", repository: false, why: "reads a folder outside the repository and copies its files into new agents" },
  { name: "kdf.log_n", describe: "scrypt cost for new passphrase salts (log2 N)", type: "integer", default: 15, min: 10, max: 22, repository: false, why: "sets how hard your passphrase is to guess: a repository could make it cheap" },
  { name: "kdf.r", describe: "scrypt block size for new passphrase salts", type: "integer", default: 8, min: 1, max: 32, repository: false, why: "sets how hard your passphrase is to guess" },
  { name: "kdf.p", describe: "scrypt parallelism for new passphrase salts", type: "integer", default: 1, min: 1, max: 16, repository: false, why: "sets how hard your passphrase is to guess" },
  {
    name: "textconv.show_secrets",
    describe: "show credential values in git diff and `backpack diff` (they appear in your terminal)",
    type: "boolean",
    default: false,
    env: "BACKPACK_SHOW_SECRETS",
    repository: false,
    why: "reveals secrets: every clone would print credential values in `git diff`",
  },
  {
    name: "key_command",
    describe: "command (argv list, no shell) that prints a key or an age identity; user config only",
    type: "list",
    default: [],
    repository: false,
    userOnly: true,
    why: "runs a command: a repository's file that sets it is refused",
  },
  {
    name: "key_command_timeout",
    describe: "seconds key_command may run before it is stopped; user config only",
    type: "integer",
    default: 30,
    min: 1,
    max: 600,
    repository: false,
    userOnly: true,
    why: "belongs to key_command",
  },
  { name: "scan.allow_paths", describe: "glob patterns of paths the secret scanner skips", type: "list", default: [], repository: true, why: "the team's own allow-list for its repository, as .gitleaks.toml is; the checks for a plaintext agent.lock and for your own values heed it only once trusted" },
  { name: "scan.allow_rules", describe: "scanner rule ids that never block", type: "list", default: [], repository: true, why: "the team's own allow-list for its repository; the checks for a plaintext agent.lock and for your own values heed it only once trusted" },
  { name: "scan.allow_fingerprints", describe: "fingerprints of accepted findings", type: "list", default: [], repository: true, why: "the team's own accepted findings; the checks for a plaintext agent.lock and for your own values heed it only once trusted" },
  { name: "scan.baseline", describe: "baseline file of accepted findings (`backpack scan --baseline FILE --update-baseline`)", type: "string", default: "", repository: true, why: "a file of accepted findings, read, never written, by the hook; the checks for a plaintext agent.lock and for your own values heed it only once trusted" },
  {
    name: "run.allow_env",
    describe: "credential names `backpack run` may inject although they change how programs start (PATH, NODE_OPTIONS, LD_*, ...); `NAME` or `PREFIX*`",
    type: "list",
    default: [],
    repository: false,
    userOnly: true,
    why: "lets a credential change how programs load code (NODE_OPTIONS, LD_PRELOAD): code execution; your own config only, even in a trusted repository",
  },
  {
    name: "run.pass_master_key",
    describe: "hand the master key variable (AGENT_MASTER_KEY) to the agent `backpack run` starts",
    type: "boolean",
    default: false,
    env: "BACKPACK_RUN_PASS_MASTER_KEY",
    repository: false,
    userOnly: true,
    why: "reveals the repository key to the agent and every program it starts; your own config only",
  },
];

/** The settings a repository may set only once the user trusts it (the user-only ones among them). */
export const RESTRICTED_SETTINGS: readonly string[] = SETTINGS.filter((s) => !s.repository).map((s) => s.name);
/** The settings a repository may never set, trusted or not. */
export const USER_ONLY_SETTINGS: readonly string[] = SETTINGS.filter((s) => s.userOnly).map((s) => s.name);

/** The spec of a dotted setting name, if there is one. */
export function settingSpec(name: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.name === name);
}

/** Reads a dotted setting from a parsed config file. */
export function getFromFile(file: ConfigFile, name: string): SettingValue | undefined {
  let node: unknown = file;
  for (const part of name.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node as SettingValue | undefined;
}

/** A copy of a config file with one dotted setting set (or removed when value is undefined). */
export function setInFile(file: ConfigFile, name: string, value: SettingValue | undefined): ConfigFile {
  const copy = structuredClone(file) as Record<string, unknown>;
  const parts = name.split(".");
  let node = copy;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === undefined || typeof node[part] !== "object") node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  for (const part of parts.slice(0, -1).reverse()) {
    // Drop tables left empty by a removal, so the file stays tidy.
    const parent = parts.slice(0, parts.indexOf(part)).reduce<Record<string, unknown>>((n, p) => n[p] as Record<string, unknown>, copy);
    if (parent[part] && Object.keys(parent[part] as object).length === 0) delete parent[part];
  }
  return copy as ConfigFile;
}

/** What a setting accepts, for error messages. */
export function expectedValue(spec: SettingSpec): string {
  if (spec.choices) return spec.choices.join(", ");
  if (spec.pattern) return spec.pattern.what;
  if (spec.type === "integer" && spec.min !== undefined && spec.max !== undefined) return `an integer from ${spec.min} to ${spec.max}`;
  return spec.type === "list" ? "a list of strings" : `a ${spec.type}`;
}

/** Why a value does not fit a setting, or undefined when it does. */
export function settingProblem(spec: SettingSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") return `expected ${expectedValue(spec)}`;
      if (spec.choices && !spec.choices.includes(value)) return `expected one of ${spec.choices.join(", ")}`;
      if (spec.pattern && !spec.pattern.regex.test(value)) return `expected ${spec.pattern.what}`;
      if (spec.nonEmpty && value === "") return "expected a non-empty string";
      return undefined;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return "expected an integer";
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return `expected ${expectedValue(spec)}`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : "expected a boolean";
    case "list":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? undefined : "expected a list of strings";
  }
}

/**
 * The first user-only setting (key_command, ...) a repository's backpack.toml
 * sets, as a problem: such a file is refused, and the setting is never read
 * from it.
 */
export function repositoryFileProblem(data: ConfigFile): ConfigProblem | undefined {
  for (const spec of SETTINGS) {
    if (spec.userOnly && getFromFile(data, spec.name) !== undefined) {
      return { where: spec.name, message: "can be set only in your user config (`backpack config set --user`), never by a repository" };
    }
  }
  return undefined;
}

/** A config file that does not fit the table: where, and why. */
export interface ConfigProblem {
  /** Dotted path of the offending entry ("top level" for the file itself). */
  where: string;
  message: string;
}

const isTable = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);

/**
 * Checks a parsed config file against SETTINGS: known names only, each of
 * its type and within its limits. Returns the first problem, or undefined.
 */
export function configFileProblem(data: unknown): ConfigProblem | undefined {
  if (!isTable(data)) return { where: "top level", message: "expected a table" };
  const walk = (table: Record<string, unknown>, prefix: string): ConfigProblem | undefined => {
    for (const [key, value] of Object.entries(table)) {
      const name = prefix + key;
      const spec = settingSpec(name);
      if (spec) {
        const problem = settingProblem(spec, value);
        if (problem) return { where: name, message: problem };
        continue;
      }
      const isSection = SETTINGS.some((s) => s.name.startsWith(`${name}.`));
      if (!isSection) return { where: prefix ? prefix.slice(0, -1) : "top level", message: `unknown setting ${name}` };
      if (!isTable(value)) return { where: name, message: "expected a table" };
      const inner = walk(value, `${name}.`);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(data, "");
}

/** Parses a command-line or environment string into a setting's type; undefined when it does not fit. */
export function coerceSetting(spec: SettingSpec, text: string): SettingValue | undefined {
  let value: SettingValue | undefined;
  switch (spec.type) {
    case "string":
      value = text;
      break;
    case "integer":
      value = /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
      break;
    case "boolean":
      if (/^(1|true|yes|on)$/i.test(text.trim())) value = true;
      else if (/^(0|false|no|off)$/i.test(text.trim())) value = false;
      break;
    case "list":
      value = text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      break;
  }
  return value !== undefined && settingProblem(spec, value) === undefined ? value : undefined;
}

export type Origin = "flag" | "environment" | "repository" | "user" | "default";

export interface ConfigEntry {
  value: SettingValue;
  origin: Origin;
  /** The file or variable it came from. */
  where?: string;
}

/** The effective configuration. */
export interface Config {
  get(name: string): SettingValue;
  /** One setting with its origin (where its value came from). */
  entry(name: string): ConfigEntry;
  /** Every setting with its origin, in SETTINGS order. */
  entries(): Array<[string, ConfigEntry]>;
  /** The config files read (absent ones included). */
  files: { repository?: string; user: string };
  /** Settings the repository's file sets that were ignored: it may set them only once trusted (`backpack trust`). */
  ignoredFromRepository: string[];
}

/** What the precedence is applied to: the files (already read and checked), the environment, the flags. */
export interface ConfigLayers {
  repository?: { path: string; file: ConfigFile; ignored?: string[] } | undefined;
  user: { path: string; file: ConfigFile };
  env: NodeJS.ProcessEnv;
  /** Values given as command-line flags, by dotted name. */
  flags?: Record<string, SettingValue | undefined> | undefined;
}

/** USAGE error for a setting name that does not exist, with "did you mean". */
export function unknownSetting(name: string): BackpackError {
  const close = closestNames(name, SETTINGS.map((s) => s.name));
  return new BackpackError("USAGE", `unknown setting ${name}`, close.length ? `did you mean ${close.join(", ")}?` : "see `backpack config list`");
}

/**
 * Applies the precedence flags > environment > repository > user > defaults,
 * one setting at a time when it is first read: a bad value in an unrelated
 * variable (BACKPACK_LOG=loud) fails only what reads that setting.
 * `entries()` resolves (and so checks) them all.
 */
export function resolveConfig(layers: ConfigLayers): Config {
  const { repository, user, env, flags } = layers;
  const resolved = new Map<string, ConfigEntry>();
  const entryFor = (spec: SettingSpec): ConfigEntry => {
    const known = resolved.get(spec.name);
    if (known) return known;
    const flag = flags?.[spec.name];
    const envText = spec.env ? env[spec.env] : undefined;
    const envValue = envText !== undefined && envText !== "" ? coerceSetting(spec, envText) : undefined;
    if (envText && envValue === undefined) throw new BackpackError("USAGE", `${spec.env} has an invalid value for ${spec.name}`, `expected ${expectedValue(spec)}`);
    const fromRepo = repository && !spec.userOnly ? getFromFile(repository.file, spec.name) : undefined;
    const fromUser = getFromFile(user.file, spec.name);
    let entry: ConfigEntry;
    if (flag !== undefined) entry = { value: flag, origin: "flag" };
    else if (envValue !== undefined) entry = { value: envValue, origin: "environment", where: spec.env };
    else if (fromRepo !== undefined) entry = { value: fromRepo, origin: "repository", where: repository?.path };
    else if (fromUser !== undefined) entry = { value: fromUser, origin: "user", where: user.path };
    else entry = { value: spec.default, origin: "default" };
    resolved.set(spec.name, entry);
    return entry;
  };
  return {
    get(name) {
      const spec = settingSpec(name);
      if (!spec) throw unknownSetting(name);
      return entryFor(spec).value;
    },
    entry(name) {
      const spec = settingSpec(name);
      if (!spec) throw unknownSetting(name);
      return entryFor(spec);
    },
    entries: () => SETTINGS.map((spec) => [spec.name, entryFor(spec)]),
    files: repository ? { repository: repository.path, user: user.path } : { user: user.path },
    ignoredFromRepository: repository?.ignored ?? [],
  };
}
