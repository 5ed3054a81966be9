/**
 * The agent.lock files of a repository as git sees them, and rewriting their
 * index entries in place. Paths are relative to the top of the working tree
 * (every call runs there). Formats:
 *
 *   git ls-files -s -z   "<mode> SP <oid> SP <stage> TAB <path> NUL"
 *                        (https://git-scm.com/docs/git-ls-files#_output)
 *   git update-index -z --index-info
 *                        "<mode> SP <oid> TAB <path> NUL" per entry, all written
 *                        in one index lock (https://git-scm.com/docs/git-update-index#_using_index_info)
 */
import { git } from "./exec.js";

/** Every agent.lock at any depth (git's glob magic: `**` also matches the top). */
export const AGENT_LOCK_PATHSPEC = ":(top,glob)**/agent.lock";

export interface IndexEntry {
  mode: string;
  oid: string;
  /** 0 normally; 1-3 while a merge conflict is unresolved. */
  stage: number;
  path: string;
}

/** The index entries matching a pathspec. */
export function readIndexEntries(root: string, pathspec = AGENT_LOCK_PATHSPEC): IndexEntry[] {
  const out = git(["ls-files", "-s", "-z", "--", pathspec], { cwd: root }).stdout.toString("utf8");
  return out
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const tab = record.indexOf("\t");
      const [mode, oid, stage] = record.slice(0, tab).split(" ");
      return { mode: mode as string, oid: oid as string, stage: Number(stage), path: record.slice(tab + 1) };
    });
}

/** Untracked files matching a pathspec that are not ignored. */
export function untrackedFiles(root: string, pathspec = AGENT_LOCK_PATHSPEC): string[] {
  return git(["ls-files", "-z", "--others", "--exclude-standard", "--", pathspec], { cwd: root })
    .stdout.toString("utf8")
    .split("\0")
    .filter(Boolean);
}

/** Writes a blob exactly as given (no filters) and returns its oid. */
export function writeBlob(root: string, content: string | Buffer): string {
  return git(["hash-object", "-w", "--no-filters", "--stdin"], { cwd: root, input: content }).stdout.toString("utf8").trim();
}

/** Points index entries (stage 0) at new blobs, all in one index write. */
export function updateIndexEntries(root: string, entries: Array<Pick<IndexEntry, "mode" | "oid" | "path">>): void {
  if (entries.length === 0) return;
  const input = entries.map((e) => `${e.mode} ${e.oid}\t${e.path}\0`).join("");
  git(["update-index", "-z", "--index-info"], { cwd: root, input });
}

/** The paths (matching a pathspec) whose index entries are skip-worktree: outside a sparse checkout. */
export function skipWorktreePaths(root: string, pathspec = AGENT_LOCK_PATHSPEC): string[] {
  // `git ls-files -t`: a tag, a space, the path; "S" is skip-worktree.
  return git(["ls-files", "-t", "-z", "--", pathspec], { cwd: root })
    .stdout.toString("utf8")
    .split("\0")
    .filter((record) => record.startsWith("S "))
    .map((record) => record.slice(2));
}

/**
 * Sets the skip-worktree bit again on entries that had it. `update-index
 * --index-info` replaces an entry whole and drops the bit; without it back, a
 * file outside a sparse checkout shows as deleted, and `git commit -a` would
 * take it out of the branch.
 */
export function markSkipWorktree(root: string, paths: string[]): void {
  if (paths.length === 0) return;
  git(["update-index", "-z", "--skip-worktree", "--stdin"], { cwd: root, input: paths.map((p) => `${p}\0`).join("") });
}
