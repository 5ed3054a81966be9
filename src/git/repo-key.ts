/**
 * The key a repository encrypts with: the one whose fingerprint `backpack
 * setup` recorded in git config (backpack.key, and backpack.kdf for a
 * passphrase), found in any key source. Used by the clean filter and `lock`.
 */
import type { RepoKey } from "../core/key-material.js";
import { BackpackError } from "../errors.js";
import { createKeyResolver, defaultKeySources } from "../keys/sources.js";
import type { RepoInfo } from "./repo.js";

/** How to get a key onto this machine (the same words everywhere). */
export const UNLOCK_HINT = "set AGENT_MASTER_KEY, import the key with `backpack key import`, or run `backpack unlock --key-file FILE`";

/** The repository's key; NO_KEY (saying how to unlock) when it is not at hand. */
export async function repositoryKey(repo: RepoInfo | undefined, env: NodeJS.ProcessEnv): Promise<RepoKey> {
  if (!repo?.keyFingerprint) {
    throw new BackpackError("NO_KEY", "this repository has no key recorded (git config backpack.key)", "run `backpack setup` in the repository");
  }
  const resolver = createKeyResolver({ sources: defaultKeySources(env), repoFingerprint: repo.keyFingerprint, kdf: repo.kdf, env });
  const header = repo.kdf ? { key: repo.keyFingerprint, kdf: repo.kdf } : { key: repo.keyFingerprint };
  const key = await resolver.tryKeyFor(header);
  if (!key) throw new BackpackError("NO_KEY", `the repository's key ${repo.keyFingerprint} is not on this machine`, UNLOCK_HINT);
  // A key saved from a passphrase is stored as raw bytes; the header must still
  // name its KDF, or clean would write a different blob than the one committed.
  return repo.kdf && !key.kdf ? { ...key, kdf: repo.kdf } : key;
}
