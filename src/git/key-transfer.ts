/**
 * Moving a repo key between machines (a teammate, CI): `backpack key export`
 * gives the key as one line (`BACKPACK-KEY-1:...`), `backpack key import`
 * stores such a line and, inside a repository that has no key yet, records it
 * as the repository's key (git config backpack.key).
 */
import { type RepoKey, exportRepoKey, parseExportedKey, resolveRepoKey } from "../core/key-material.js";
import { BackpackError } from "../errors/errors.js";
import { setLocalConfig } from "./repo.js";
import { DEFAULT_KEY_ACCOUNT } from "../keys/key-source.js";
import { availableStores, storeRepoKey, writableStore } from "../keys/sources.js";
import type { CommandContext } from "./context.js";

/** The key `export` gives: the repository's key inside one, else the user's default key. */
export async function keyToExport(ctx: CommandContext): Promise<{ key: RepoKey; line: string; scope: "repository" | "default" }> {
  const key = await ctx.resolver.defaultKey();
  return { key, line: exportRepoKey(key.key), scope: ctx.repo?.keyFingerprint ? "repository" : "default" };
}

export interface ImportResult {
  fingerprint: string;
  /** The store it was written to. */
  store: string;
  /** What the key now is for. */
  role: "recorded as the repository's key" | "already the repository's key" | "stored (the repository uses another key)" | "made your default key" | "stored";
}

/** Parses an exported key line, refusing anything else without echoing it. */
export function parseKeyLine(text: string): RepoKey {
  const raw = parseExportedKey(text);
  if (!raw) {
    throw new BackpackError("INVALID_FILE", "that is not an exported backpack key (it starts with BACKPACK-KEY-1:)", "paste the whole line `backpack key export` printed");
  }
  return resolveRepoKey({ kind: "raw", key: raw });
}

/** Stores an exported key and records what it is for (see ImportResult.role). */
export async function importKey(ctx: CommandContext, text: string): Promise<ImportResult> {
  const key = parseKeyLine(text);
  const stores = await availableStores(ctx.sources.filter((s) => s.writable));
  const target = await writableStore(stores);
  await storeRepoKey(target, key);
  const result = (role: ImportResult["role"]): ImportResult => ({ fingerprint: key.fingerprint, store: target.name, role });
  if (ctx.repo) {
    if (!ctx.repo.keyFingerprint) {
      setLocalConfig(ctx.repo, "backpack.key", key.fingerprint);
      return result("recorded as the repository's key");
    }
    return result(ctx.repo.keyFingerprint === key.fingerprint ? "already the repository's key" : "stored (the repository uses another key)");
  }
  for (const store of stores) if ((await store.get(DEFAULT_KEY_ACCOUNT)) !== undefined) return result("stored");
  await target.set(DEFAULT_KEY_ACCOUNT, key.fingerprint);
  return result("made your default key");
}
