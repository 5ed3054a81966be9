/**
 * Which repositories' backpack.toml the user trusts (`backpack trust`), as
 * `direnv allow` and `mise trust` do it: a file under the user's config dir
 * (`$XDG_CONFIG_HOME/backpack/trusted.json`, mode 0600) that maps each
 * repository's top folder (its real path) to the SHA-256 of the backpack.toml
 * the user trusted. Any change to the file changes the hash, so it needs
 * trusting again; a clone elsewhere is another path, so it is not trusted.
 *
 * Only settings a repository may not set on its own (settings.ts,
 * `repository: false`) wait for trust; the loader asks here only when the
 * file sets one of them, so git's hot paths pay nothing for a backpack.toml
 * about the scanner.
 */
import { mkdirSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { READ_LIMITS, readTextBoundedIfExists } from "../io/bounded-read.js";
import { nodeCrypto } from "../io/lazy-crypto.js";
import { userConfigDir } from "./paths.js";

/** One trusted repository: the hash of the backpack.toml trusted, and when. */
export interface TrustEntry {
  sha256: string;
  trustedAt: string;
}

interface TrustFile {
  version: 1;
  repositories: Record<string, TrustEntry>;
}

/** The trust store's path. */
export function trustStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "trusted.json");
}

/** The SHA-256 (hex) of a config file's bytes. */
export function configHash(bytes: string | Buffer): string {
  return nodeCrypto().createHash("sha256").update(bytes).digest("hex");
}

/** The key a repository is trusted under: the real path of its top folder. */
export function repositoryKey(root: string): string {
  try {
    return realpathSync(resolve(root));
  } catch {
    return resolve(root);
  }
}

/** Reads the trust store; a missing store is empty, a damaged one an error naming it (never taken as empty). */
export function readTrustStore(env: NodeJS.ProcessEnv = process.env): Record<string, TrustEntry> {
  const path = trustStorePath(env);
  const text = readTextBoundedIfExists(path, { limit: READ_LIMITS.config, label: path });
  if (text === undefined) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const file = data as Partial<TrustFile> | undefined;
  if (!file || file.version !== 1 || file.repositories === null || typeof file.repositories !== "object" || Array.isArray(file.repositories)) {
    throw new BackpackError("INVALID_FILE", `the trust store ${path} is damaged`, "delete it and trust your repositories again with `backpack trust`");
  }
  const out: Record<string, TrustEntry> = {};
  for (const [root, entry] of Object.entries(file.repositories)) {
    if (entry && typeof entry.sha256 === "string" && typeof entry.trustedAt === "string") out[root] = { sha256: entry.sha256, trustedAt: entry.trustedAt };
  }
  return out;
}

function writeTrustStore(entries: Record<string, TrustEntry>, env: NodeJS.ProcessEnv): void {
  const path = trustStorePath(env);
  const file: TrustFile = { version: 1, repositories: entries };
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    if (error instanceof BackpackError) throw error;
    throw new BackpackError("IO", `cannot write the trust store ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check that the folder is writable");
  }
}

/** True when the user trusts this repository's backpack.toml with exactly these bytes. */
export function isTrusted(root: string, bytes: string | Buffer, env: NodeJS.ProcessEnv = process.env): boolean {
  const entry = readTrustStore(env)[repositoryKey(root)];
  return entry !== undefined && entry.sha256 === configHash(bytes);
}

/** Records trust in this repository's backpack.toml as it is now; returns its hash. */
export function trustRepository(root: string, bytes: string | Buffer, env: NodeJS.ProcessEnv = process.env): string {
  const entries = readTrustStore(env);
  const sha256 = configHash(bytes);
  entries[repositoryKey(root)] = { sha256, trustedAt: new Date().toISOString() };
  writeTrustStore(entries, env);
  return sha256;
}

/** Forgets trust in a repository; false when it was not trusted. */
export function revokeTrust(root: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const entries = readTrustStore(env);
  const key = repositoryKey(root);
  if (!(key in entries)) return false;
  delete entries[key];
  writeTrustStore(entries, env);
  return true;
}
