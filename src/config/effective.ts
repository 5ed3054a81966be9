/**
 * The effective configuration for git's hot paths (filters, textconv, the
 * merge driver, the pre-commit hook) and the library: when no config file
 * exists, the environment and the defaults alone, without loading the TOML
 * parser; otherwise the files too (still no schema library: see settings.ts).
 */
import { READ_LIMITS, readTextBounded } from "../io/bounded-read.js";
import type { KdfCost } from "../core/key-material.js";
import { isBackpackError } from "../errors/errors.js";
import { log } from "../output/log.js";
import { presentConfigFiles, userConfigPath } from "./paths.js";
import { type Config, resolveConfig } from "./settings.js";

/**
 * The configuration where the repository's top is `repoRoot` (undefined
 * outside one). With `only`, the caller reads just those settings: a config
 * file that does not mention any of them (by its last name part, which every
 * TOML spelling of the key contains) is not parsed, so a backpack.toml about
 * the scanner costs the smudge filter a file read, not the TOML parser.
 */
export async function loadConfigLazily(repoRoot: string | undefined, env: NodeJS.ProcessEnv, only?: readonly string[]): Promise<Config> {
  const present = presentConfigFiles(repoRoot, env);
  const mentions = (path: string | undefined) => {
    if (!path) return false;
    if (!only) return true;
    try {
      const text = readTextBounded(path, { limit: READ_LIMITS.config });
      return only.some((name) => text.includes(name.slice(name.lastIndexOf(".") + 1)));
    } catch {
      return true; // let the loader report what is wrong with it
    }
  };
  const repository = mentions(present.repository);
  if (!repository && !mentions(present.user)) return resolveConfig({ user: { path: userConfigPath(env), file: {} }, env });
  const { loadConfig } = await import("./load.js");
  return loadConfig({ repoRoot: repository ? repoRoot : undefined, env, lazy: true });
}

/** The settings the key sources and the resolver use. */
export interface KeySettings {
  /** The environment variable that holds the master key or passphrase (master_key_env). */
  masterKeyEnv: string;
  /** The OS keychain's service name (keychain_service). */
  keychainService: string;
  /** The scrypt cost of new passphrase salts (kdf.*). */
  kdf: KdfCost;
  /** key_command (user config only) and its timeout, when one is set. */
  keyCommand?: { argv: string[]; timeoutSeconds: number };
}

/** The key settings of a configuration. */
export function keySettingsOf(config: Config): KeySettings {
  return {
    masterKeyEnv: String(config.get("master_key_env")),
    keychainService: String(config.get("keychain_service")),
    kdf: { name: "scrypt", logN: Number(config.get("kdf.log_n")), r: Number(config.get("kdf.r")), p: Number(config.get("kdf.p")) },
    ...keyCommandOf(config),
  };
}

function keyCommandOf(config: Config): Pick<KeySettings, "keyCommand"> {
  const argv = config.get("key_command") as string[];
  return argv.length > 0 ? { keyCommand: { argv, timeoutSeconds: Number(config.get("key_command_timeout")) } } : {};
}

/** The key settings from the environment and the defaults only (no config file read). */
export function envKeySettings(env: NodeJS.ProcessEnv): KeySettings {
  return keySettingsOf(resolveConfig({ user: { path: "", file: {} }, env }));
}

/**
 * The key settings where the repository's top is `repoRoot`, config files
 * included. With `lookupOnly` (the filters: they find keys, never make a
 * salt), only master_key_env, keychain_service and key_command are read, and the kdf cost
 * is the default whatever the files say: not for making salts.
 */
export async function loadKeySettings(repoRoot: string | undefined, env: NodeJS.ProcessEnv, options: { lookupOnly?: boolean } = {}): Promise<KeySettings> {
  try {
    if (!options.lookupOnly) return keySettingsOf(await loadConfigLazily(repoRoot, env));
    const settings = keySettingsOf(await loadConfigLazily(repoRoot, env, ["master_key_env", "keychain_service", "key_command", "key_command_timeout"]));
    return { ...settings, kdf: envKeySettings({}).kdf };
  } catch (error) {
    return defaultsForBrokenFile(error, env);
  }
}

/**
 * The key settings of the environment and the defaults when a config file
 * cannot be read (bad TOML, an unknown setting), with a warning naming it: a
 * broken file must not stop a checkout, an agent saving its memory, or the
 * command that would fix it (`backpack doctor` reports it). Other errors are
 * thrown again.
 */
export function defaultsForBrokenFile(error: unknown, env: NodeJS.ProcessEnv): KeySettings {
  if (!isBackpackError(error) || (error.code !== "INVALID_FILE" && error.code !== "IO")) throw error;
  log.warn(`${error.message}; using the default key settings`);
  return envKeySettings(env);
}
