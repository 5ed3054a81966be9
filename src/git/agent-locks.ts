/**
 * The agent.lock files a repository tracks, at any depth, and what state
 * their working copies are in. Shared by setup, status, lock and unlock.
 */
import { join } from "node:path";
import { readEncryptedForm } from "../core/stored-form.js";
import type { EncryptedForm, WorkingForm } from "../core/schema.js";
import { readWorkingForm } from "../core/working-form.js";
import { isBackpackError } from "../errors/errors.js";
import { git } from "./exec.js";
import { readAgentFileText } from "../agent-file/read-text.js";

/** The file name the `.gitattributes` line maps (it matches at any depth). */
export const AGENT_LOCK = "agent.lock";
/** A pathspec for agent.lock at the top and in every folder. */
export const AGENT_LOCK_PATHSPEC = ":(glob)**/agent.lock";

export interface TrackedFile {
  /** Relative to the top of the work tree, with "/" separators. */
  path: string;
  /** The blob in the index, its mode, and its stage (0, or 1-3 while conflicted). */
  oid: string;
  mode: string;
  stage: string;
  /** False for files outside a sparse checkout (skip-worktree): not in the work tree. */
  inWorktree: boolean;
}

/**
 * Tracked agent.lock files, from the index. `git ls-files -z -s -t` prints, per
 * entry (https://git-scm.com/docs/git-ls-files#_output):
 *   <tag> SP <mode> SP <oid> SP <stage> TAB <path> NUL
 * where the tag is "H" (cached) or "S" (skip-worktree); a conflicted path has
 * one entry per stage, and its stage-2 ("ours") entry is kept.
 */
export function trackedAgentLocks(root: string): TrackedFile[] {
  const out = git(["ls-files", "-z", "-s", "-t", "--", AGENT_LOCK_PATHSPEC], { cwd: root }).stdout.toString("utf8");
  const byPath = new Map<string, TrackedFile>();
  for (const entry of out.split("\0")) {
    if (!entry) continue;
    const tab = entry.indexOf("\t");
    const [tag, mode, oid, stage] = entry.slice(0, tab).split(" ");
    const path = entry.slice(tab + 1);
    if (!mode || !oid || stage === undefined) continue;
    const seen = byPath.get(path);
    if (!seen || stage === "2") byPath.set(path, { path, oid, mode, stage, inWorktree: tag !== "S" });
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Untracked, not ignored agent.lock files (setup looks at their headers for a key). */
export function untrackedAgentLocks(root: string): string[] {
  const out = git(["ls-files", "-z", "-o", "--exclude-standard", "--", AGENT_LOCK_PATHSPEC], { cwd: root }).stdout.toString("utf8");
  return out.split("\0").filter(Boolean);
}

/** What a working copy holds. */
export type WorkingCopyState =
  /** Encrypted: the stored form, or the conflict form of an unresolved merge (unlock shows its markers). */
  | { state: "locked"; stored: EncryptedForm }
  | { state: "unlocked"; doc: WorkingForm }
  | { state: "format-1.0" }
  | { state: "missing" }
  | { state: "invalid"; reason: string };

/** Reads a working copy and says what it is (loads the full parser only when it is neither the stored nor the working form). */
export async function readWorkingCopy(root: string, path: string): Promise<WorkingCopyState & { text?: string }> {
  let text: string;
  try {
    text = readAgentFileText(join(root, path));
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    if (error.code === "NOT_FOUND") return { state: "missing" };
    return { state: "invalid", reason: error.message };
  }
  const stored = readEncryptedForm(text);
  if (stored) return { state: "locked", stored, text };
  const doc = readWorkingForm(text);
  if (doc) return { state: "unlocked", doc, text };
  const { parseAgentLock } = await import("../core/agent-lock.js");
  try {
    const parsed = parseAgentLock(text, path);
    if (parsed.form === "working") return { state: "unlocked", doc: parsed.doc, text };
    if (parsed.form === "v1") return { state: "format-1.0", text };
    return { state: "invalid", reason: "a damaged stored form", text };
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return { state: "invalid", reason: error.message, text };
  }
}

/** Paths among `paths` with uncommitted changes, staged or not (`git status` runs the clean filter). */
export function modifiedPaths(root: string, paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  // --porcelain=v1 -z: "XY path NUL" (renames add "orig NUL", not for these).
  const out = git(["status", "--porcelain=v1", "-z", "--untracked-files=no", "--", ...paths], { cwd: root }).stdout.toString("utf8");
  const modified = new Set<string>();
  for (const entry of out.split("\0")) {
    if (entry.length > 3) modified.add(entry.slice(3));
  }
  return modified;
}

/**
 * Makes git look again at files rewritten in place (locked or unlocked), so
 * that `git status` stays clean. git trusts a size mismatch between the file
 * and its index entry as "modified" without running the clean filter, and
 * the two forms differ in size; so each entry is re-set to the same blob with
 * no stat data (`update-index --index-info`, as right after a read-tree),
 * then `--refresh` re-reads the files through the filter and records their
 * stat data. The index keeps exactly the blobs it had.
 */
export function restatFiles(root: string, files: TrackedFile[]): void {
  // -z --index-info: "<mode> SP <oid> TAB <path> NUL" (https://git-scm.com/docs/git-update-index#_using_index_info)
  const entries = files.filter((f) => f.stage === "0").map((f) => `${f.mode} ${f.oid}\t${f.path}\0`);
  if (entries.length > 0) git(["update-index", "-z", "--index-info"], { cwd: root, input: entries.join("") });
  refreshIndex(root);
}

/** Re-reads stat data for every tracked file (exit 1 only means some file is modified). */
export function refreshIndex(root: string): void {
  git(["update-index", "-q", "--refresh"], { cwd: root, allowFail: true });
}
