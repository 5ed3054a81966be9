/**
 * `backpack info`: what an agent.lock is and what it needs, without a value
 * in sight: its name, form and key, the size of each layer, each credential's
 * name with where `backpack run` would take it from (environment, then an
 * embedded value, then the vault), and how many memory entries it holds.
 * A locked file (no key at hand) still shows its header and sizes.
 */
import { isBackpackError } from "../errors/errors.js";
import { canonicalJson } from "../core/canonical.js";
import { parseAgentLock, decryptStoredForm } from "../core/agent-lock.js";
import { LAYER_NAMES, type JsonValue, type LayerName, type WorkingForm } from "../core/schema.js";
import { decryptV1ToWorkingForm } from "../core/v1.js";
import type { KeySource } from "../keys/key-source.js";
import { Vault } from "../keys/vault.js";
import { type FileContext, readAgentFileText } from "./agent-file.js";

/** Where `backpack run` would take a credential's value from (names only, never the value). */
export type CredentialOrigin = "environment" | "embedded" | "vault" | "missing";

export interface AgentInfo {
  file: string;
  form: "working" | "stored" | "v1";
  name?: string;
  description?: string;
  template?: string;
  key: {
    /** The key's fingerprint: the stored form's header, or the repository's key for a working form. */
    fingerprint?: string;
    /** True when the file could be decrypted here (always for the working form). */
    unlocked: boolean;
    /** Why it is locked, when it is. */
    reason?: string;
  };
  /** Per layer: plaintext bytes (canonical JSON) and top-level entries when readable; ciphertext bytes in the stored form. */
  layers: { layer: LayerName; bytes?: number; entries?: number; encryptedBytes?: number }[];
  credentials?: { name: string; from: CredentialOrigin; description?: string }[];
  memoryEntries?: number;
}

/** The precedence `backpack run` uses: environment, then an embedded value, then the vault. */
export function credentialOrigin(name: string, credential: WorkingForm["credentials"][string], env: NodeJS.ProcessEnv, vault: Set<string>): CredentialOrigin {
  if (env[name] !== undefined && env[name] !== "") return "environment";
  if (credential.source === "embedded") return "embedded";
  if (vault.has(name)) return "vault";
  return "missing";
}

function entriesOf(value: JsonValue): number {
  return value !== null && typeof value === "object" ? Object.keys(value).length : 0;
}

/** Describes the agent.lock at `path`. */
export async function describeAgent(path: string, ctx: FileContext, sources: KeySource[], env: NodeJS.ProcessEnv = process.env): Promise<AgentInfo> {
  const parsed = parseAgentLock(readAgentFileText(path), path);
  let doc: WorkingForm | undefined;
  const info: AgentInfo = { file: path, form: parsed.form, key: { unlocked: true }, layers: [] };
  const encrypted: Partial<Record<LayerName, number>> = {};
  try {
    switch (parsed.form) {
      case "working":
        doc = parsed.doc;
        if (ctx.repo?.keyFingerprint) info.key.fingerprint = ctx.repo.keyFingerprint;
        break;
      case "stored": {
        info.key.fingerprint = parsed.stored.key;
        for (const layer of LAYER_NAMES) encrypted[layer] = parsed.stored.layers[layer].length;
        doc = decryptStoredForm(parsed.stored, await ctx.resolver.keyFor(parsed.stored, path), path);
        break;
      }
      case "v1":
        for (const layer of LAYER_NAMES) encrypted[layer] = parsed.v1.layers[layer].data.length;
        doc = decryptV1ToWorkingForm(parsed.v1, ctx.resolver.v1Passphrase(), path);
        break;
    }
  } catch (error) {
    // Locked here (no key, wrong key or passphrase): still describe what the header shows.
    if (!isBackpackError(error) || !["NO_KEY", "WRONG_KEY"].includes(error.code)) throw error;
    info.key = { ...info.key, unlocked: false, reason: error.message };
  }
  for (const layer of LAYER_NAMES) {
    const row: AgentInfo["layers"][number] = { layer };
    if (doc) {
      row.bytes = Buffer.byteLength(canonicalJson(doc[layer] as JsonValue));
      row.entries = entriesOf(doc[layer] as JsonValue);
    }
    if (encrypted[layer] !== undefined) row.encryptedBytes = encrypted[layer];
    info.layers.push(row);
  }
  if (!doc) return info;
  if (doc.agent?.name !== undefined) info.name = doc.agent.name;
  if (typeof doc.agent?.description === "string") info.description = doc.agent.description;
  if (typeof doc.agent?.template === "string") info.template = doc.agent.template;
  const vault = new Set((await new Vault(sources).list()).map((entry) => entry.name));
  info.credentials = Object.entries(doc.credentials)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, credential]) => ({
      name,
      from: credentialOrigin(name, credential, env, vault),
      ...(credential.description ? { description: credential.description } : {}),
    }));
  info.memoryEntries = entriesOf(doc.memory as JsonValue);
  return info;
}
