/**
 * Resolving an agent's credentials, the same way for `backpack run`, the
 * library and `env export`: the environment first (a value already set wins,
 * as with the Python tool), then a value embedded in agent.lock (deployments),
 * then the user's personal vault. Values never leave this module except to
 * the caller; every value found is registered with the logger's redaction.
 */
import type { WorkingForm } from "../core/schema.js";
import { protectSecrets } from "../output/log.js";
import type { Vault } from "../keys/vault.js";

/** What resolution needs of the vault: a value by name. */
export type VaultReader = Pick<Vault, "get">;

/** Where a credential's value was found: the process environment, the value embedded in agent.lock, or the personal vault. */
export type CredentialSource = "environment" | "embedded" | "vault";

export interface ResolvedCredential {
  name: string;
  /** Absent when the credential was found nowhere. */
  source?: CredentialSource;
  value?: string;
}

/** A value counts as set when it is a non-empty string. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * Resolves every credential the document names, in its (sorted) order.
 * `vault: undefined` skips the vault (e.g. when the caller opted out).
 */
export async function resolveCredentials(doc: WorkingForm, env: NodeJS.ProcessEnv, vault: VaultReader | undefined): Promise<ResolvedCredential[]> {
  const out: ResolvedCredential[] = [];
  for (const name of Object.keys(doc.credentials).sort()) {
    const entry = doc.credentials[name];
    const fromEnv = envValue(env, name);
    if (fromEnv !== undefined) {
      out.push({ name, source: "environment", value: fromEnv });
      continue;
    }
    if (entry?.source === "embedded" && entry.value !== "") {
      out.push({ name, source: "embedded", value: entry.value });
      continue;
    }
    const stored = vault ? await vault.get(name) : undefined;
    if (stored !== undefined && stored !== "") {
      out.push({ name, source: "vault", value: stored });
      continue;
    }
    out.push({ name });
  }
  protectSecrets(out.flatMap((c) => (c.value === undefined ? [] : [c.value])));
  return out;
}
