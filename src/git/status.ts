/**
 * `backpack status`: per tracked agent.lock (any depth), whether its working
 * copy is locked (stored form), unlocked (working form) or something else,
 * whether it has uncommitted changes, and how to unlock.
 */
import { modifiedPaths, readWorkingCopy, trackedAgentLocks } from "./agent-locks.js";
import type { RepoInfo } from "./repo.js";
import { loadKeySettings } from "../config/effective.js";
import { unlockHint } from "../keys/sources.js";
import { repoKeyResolver } from "./repo-key.js";

export type FileState = "locked" | "unlocked" | "format-1.0" | "invalid" | "missing" | "not-checked-out";

export interface FileStatus {
  path: string;
  state: FileState;
  /** Uncommitted changes (staged or not). */
  modified: boolean;
  /** For a locked file: the key it is encrypted with, and whether that key is at hand. */
  key?: string;
  keyAtHand?: boolean;
  /** For an invalid file: what is wrong. */
  problem?: string;
}

export interface RepoStatus {
  root: string;
  /** True when `backpack setup` wired this repository. */
  wired: boolean;
  /** The repository's key (git config backpack.key) and whether it is at hand. */
  key?: { fingerprint: string; atHand: boolean };
  files: FileStatus[];
  /** The next step, when there is one. */
  hint?: string;
}

/** The status of every tracked agent.lock in the repository. */
export async function repoStatus(repo: RepoInfo, env: NodeJS.ProcessEnv): Promise<RepoStatus> {
  const settings = await loadKeySettings(repo.root, env);
  const resolver = await repoKeyResolver(repo, env, { settings });
  const atHand = new Map<string, boolean>();
  const keyAtHand = async (header: { key: string; kdf?: RepoInfo["kdf"] }) => {
    let known = atHand.get(header.key);
    if (known === undefined) {
      known = (await resolver.tryKeyFor(header.kdf ? { key: header.key, kdf: header.kdf } : { key: header.key })) !== undefined;
      atHand.set(header.key, known);
    }
    return known;
  };

  const tracked = trackedAgentLocks(repo.root);
  const modified = modifiedPaths(repo.root, tracked.filter((f) => f.inWorktree).map((f) => f.path));
  const files: FileStatus[] = [];
  for (const file of tracked) {
    if (!file.inWorktree) {
      files.push({ path: file.path, state: "not-checked-out", modified: false });
      continue;
    }
    const copy = await readWorkingCopy(repo.root, file.path);
    const status: FileStatus = { path: file.path, state: copy.state, modified: modified.has(file.path) };
    if (copy.state === "locked") {
      status.key = copy.stored.key;
      status.keyAtHand = await keyAtHand(copy.stored);
    }
    if (copy.state === "invalid") status.problem = copy.reason;
    files.push(status);
  }

  const result: RepoStatus = { root: repo.root, wired: repo.wired, files };
  if (repo.keyFingerprint) result.key = { fingerprint: repo.keyFingerprint, atHand: await keyAtHand({ key: repo.keyFingerprint, ...(repo.kdf ? { kdf: repo.kdf } : {}) }) };
  if (!repo.wired) result.hint = "run `backpack setup` to wire this repository";
  else if (files.some((f) => f.state === "locked" && !f.keyAtHand)) result.hint = `to unlock: ${unlockHint(settings.masterKeyEnv)}`;
  else if (files.some((f) => f.state === "locked")) result.hint = "run `backpack unlock` to decrypt them";
  return result;
}
