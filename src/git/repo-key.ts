/**
 * The key a repository encrypts with: the one whose fingerprint `backpack
 * setup` recorded in git config (backpack.key, and backpack.kdf for a
 * passphrase), found in any key source. Used by the clean filter and `lock`.
 */
import { type KeySettings, loadKeySettings } from "../config/effective.js";
import type { RepoKey } from "../core/key-material.js";
import { BackpackError } from "../errors/errors.js";
import type { KeyHeader, KeyResolver } from "../keys/resolver.js";
import { currentLayerKeys, isLayered } from "../core/team.js";
import { createKeyResolver, defaultKeySources, unlockHint } from "../keys/sources.js";
import type { RepoInfo } from "./repo.js";
import { requireTrustedKeys } from "./team-trust.js";

/**
 * A resolver for a repository: its recorded key and KDF, and the key settings
 * of its config files (loaded here unless given). `lookupEnv` is where the
 * master key variable is read (unlock --key-file puts the file's key there).
 */
export async function repoKeyResolver(
  repo: Pick<RepoInfo, "root" | "keyFingerprint" | "kdf">,
  env: NodeJS.ProcessEnv,
  options: { settings?: KeySettings; lookupEnv?: NodeJS.ProcessEnv } = {},
): Promise<KeyResolver> {
  const settings = options.settings ?? (await loadKeySettings(repo.root, env));
  return createKeyResolver({ sources: defaultKeySources(env, settings), repoFingerprint: repo.keyFingerprint, kdf: repo.kdf, env: options.lookupEnv ?? env, settings, root: repo.root });
}

/** The repository's key; NO_KEY (saying how to unlock) when it is not at hand. */
export async function repositoryKey(repo: RepoInfo | undefined, env: NodeJS.ProcessEnv, settings?: KeySettings): Promise<RepoKey> {
  if (repo?.team && "problem" in repo.team) throw repo.team.problem;
  if (repo?.team && "doc" in repo.team) requireTrustedKeys(repo, repo.team.doc);
  if (!repo?.keyFingerprint) {
    throw new BackpackError("NO_KEY", "this repository has no key recorded (git config backpack.key)", "run `backpack setup` in the repository");
  }
  const keySettings = settings ?? (await loadKeySettings(repo.root, env));
  const resolver = await repoKeyResolver(repo, env, { settings: keySettings });
  const header: KeyHeader = repo.kdf ? { key: repo.keyFingerprint, kdf: repo.kdf } : { key: repo.keyFingerprint };
  // A team with a key per layer: new files are encrypted with the file key and each layer's current key.
  if (repo.team && "doc" in repo.team && isLayered(repo.team.doc)) header.keys = currentLayerKeys(repo.team.doc);
  const key = repo.team ? await resolver.keyFor(header, "this repository's agent.lock files") : await resolver.tryKeyFor(header);
  if (!key) throw new BackpackError("NO_KEY", `the repository's key ${repo.keyFingerprint} is not on this machine`, unlockHint(keySettings.masterKeyEnv));
  // A key saved from a passphrase is stored as raw bytes; the header must still
  // name its KDF, or clean would write a different blob than the one committed.
  return repo.kdf && !key.kdf ? { ...key, kdf: repo.kdf } : key;
}
