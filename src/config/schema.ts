/**
 * The settings backpack reads from `backpack.toml` (in the repository) and the
 * user's config file, validated with zod. Every setting has one dotted name
 * (`scan.allow_paths`), a default, and optionally an environment variable.
 * Pure: no IO.
 */
import { z } from "zod";

const logLevel = z.enum(["silent", "error", "warn", "info", "debug"]);

/** The whole config file as written in TOML (every part optional). */
export const configFileSchema = z
  .object({
    master_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name").optional(),
    log_level: logLevel.optional(),
    log_file: z.string().optional(),
    audit_log: z.string().optional(),
    keychain_service: z.string().min(1).optional(),
    default_template_dir: z.string().optional(),
    kdf: z
      .object({
        log_n: z.number().int().min(10).max(22).optional(),
        r: z.number().int().min(1).max(32).optional(),
        p: z.number().int().min(1).max(16).optional(),
      })
      .strict()
      .optional(),
    textconv: z.object({ show_secrets: z.boolean().optional() }).strict().optional(),
    scan: z
      .object({
        allow_paths: z.array(z.string()).optional(),
        allow_rules: z.array(z.string()).optional(),
        allow_fingerprints: z.array(z.string()).optional(),
        baseline: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;

export type SettingValue = string | number | boolean | string[];

/** One setting: its dotted name, default, type and (optional) environment variable. */
export interface SettingSpec {
  name: string;
  describe: string;
  type: "string" | "integer" | "boolean" | "list";
  default: SettingValue;
  env?: string;
  /** Allowed values, for strings with a fixed set. */
  choices?: readonly string[];
}

/** Every setting, in the order `config list` prints them. */
export const SETTINGS: readonly SettingSpec[] = [
  { name: "master_key_env", describe: "environment variable that holds the master key or passphrase", type: "string", default: "AGENT_MASTER_KEY", env: "BACKPACK_MASTER_KEY_ENV" },
  { name: "log_level", describe: "silent, error, warn, info or debug", type: "string", default: "warn", env: "BACKPACK_LOG", choices: logLevel.options },
  { name: "log_file", describe: "also write log lines (JSON) to this file", type: "string", default: "", env: "BACKPACK_LOG_FILE" },
  { name: "audit_log", describe: "append key access and agent.lock changes (JSON lines) to this file", type: "string", default: "", env: "BACKPACK_AUDIT_LOG" },
  { name: "keychain_service", describe: "service name of the OS keychain entries", type: "string", default: "backpack-agent", env: "BACKPACK_KEYCHAIN_SERVICE" },
  { name: "default_template_dir", describe: "extra folder searched for agent templates", type: "string", default: "", env: "BACKPACK_TEMPLATE_DIR" },
  { name: "kdf.log_n", describe: "scrypt cost for passphrases (log2 N)", type: "integer", default: 15 },
  { name: "kdf.r", describe: "scrypt block size", type: "integer", default: 8 },
  { name: "kdf.p", describe: "scrypt parallelism", type: "integer", default: 1 },
  { name: "textconv.show_secrets", describe: "show credential values in git diff (they appear in your terminal)", type: "boolean", default: false, env: "BACKPACK_SHOW_SECRETS" },
  { name: "scan.allow_paths", describe: "glob patterns of paths the secret scanner skips", type: "list", default: [] },
  { name: "scan.allow_rules", describe: "scanner rule ids that never block", type: "list", default: [] },
  { name: "scan.allow_fingerprints", describe: "fingerprints of accepted findings", type: "list", default: [] },
  { name: "scan.baseline", describe: "baseline file of accepted findings (`backpack scan --baseline FILE --update-baseline`)", type: "string", default: "" },
];

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

/** Parses a command-line or environment string into a setting's type; undefined when it does not fit. */
export function coerceSetting(spec: SettingSpec, text: string): SettingValue | undefined {
  switch (spec.type) {
    case "string":
      return spec.choices && !spec.choices.includes(text) ? undefined : text;
    case "integer":
      return /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
    case "boolean":
      if (/^(1|true|yes|on)$/i.test(text.trim())) return true;
      if (/^(0|false|no|off)$/i.test(text.trim())) return false;
      return undefined;
    case "list":
      return text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
  }
}
