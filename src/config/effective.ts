/**
 * The effective configuration for git's hot paths (filters, textconv, the
 * merge driver, the pre-commit hook) and the library: when no config file
 * exists, the environment and the defaults alone, without loading the TOML
 * parser; otherwise the files too (still no schema library: see settings.ts).
 */
import type { KdfCost } from "../core/key-material.js";
import { presentConfigFiles, userConfigPath } from "./paths.js";
import { type Config, resolveConfig } from "./settings.js";

/** The configuration where the repository's top is `repoRoot` (undefined outside one). */
export async function loadConfigLazily(repoRoot: string | undefined, env: NodeJS.ProcessEnv): Promise<Config> {
  const present = presentConfigFiles(repoRoot, env);
  if (!present.repository && !present.user) return resolveConfig({ user: { path: userConfigPath(env), file: {} }, env });
  const { loadConfig } = await import("./load.js");
  return loadConfig({ repoRoot: present.repository ? repoRoot : undefined, env, lazy: true });
}

/** The settings the key sources and the resolver use. */
export interface KeySettings {
  /** The environment variable that holds the master key or passphrase (master_key_env). */
  masterKeyEnv: string;
  /** The OS keychain's service name (keychain_service). */
  keychainService: string;
  /** The scrypt cost of new passphrase salts (kdf.*). */
  kdf: KdfCost;
}

/** The key settings of a configuration. */
export function keySettingsOf(config: Config): KeySettings {
  return {
    masterKeyEnv: String(config.get("master_key_env")),
    keychainService: String(config.get("keychain_service")),
    kdf: { name: "scrypt", logN: Number(config.get("kdf.log_n")), r: Number(config.get("kdf.r")), p: Number(config.get("kdf.p")) },
  };
}

/** The key settings from the environment and the defaults only (no config file read). */
export function envKeySettings(env: NodeJS.ProcessEnv): KeySettings {
  return keySettingsOf(resolveConfig({ user: { path: "", file: {} }, env }));
}

/** The key settings where the repository's top is `repoRoot`, config files included. */
export async function loadKeySettings(repoRoot: string | undefined, env: NodeJS.ProcessEnv): Promise<KeySettings> {
  return keySettingsOf(await loadConfigLazily(repoRoot, env));
}
