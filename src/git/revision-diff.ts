/**
 * `backpack diff [REV [REV]]`: the agent.lock files of two versions of the
 * repository, decrypted and compared per layer and per key.
 *
 *   backpack diff              HEAD against the working tree
 *   backpack diff REV          REV against the working tree
 *   backpack diff REV1 REV2    REV1 against REV2
 *
 * Committed versions are read as stored, in one `git cat-file --batch`;
 * working-tree files are read as they are on disk (working or stored form).
 * An agent.lock is any file of that name, at any depth, as .gitattributes maps it.
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { type SectionDiff, diffDocuments } from "../core/layer-diff.js";
import type { WorkingForm } from "../core/schema.js";
import { BackpackError } from "../errors/errors.js";
import { openAgentText, readAgentFileText } from "../agent-file/agent-file.js";
import type { KeyResolver } from "../keys/resolver.js";
import { AGENT_LOCK, trackedAgentLocks, untrackedAgentLocks } from "./agent-locks.js";
import { catFileBatch } from "./cat-file.js";
import { git, gitText } from "./exec.js";

/** One side of the comparison: a commit, or the working tree. */
interface Side {
  label: string;
  /** Paths (relative to the top of the working tree) of its agent.lock files. */
  paths: string[];
  /** The texts of those files, by path. */
  texts(paths: string[]): Map<string, string>;
}

/** One agent.lock that differs (or not) between the two sides. */
export interface FileDiff {
  path: string;
  /** Undefined when the file is absent on that side. */
  before: WorkingForm | undefined;
  after: WorkingForm | undefined;
  sections: SectionDiff[];
}

export interface RevisionDiff {
  beforeLabel: string;
  afterLabel: string;
  files: FileDiff[];
}

/** Compares the agent.lock files of the two versions `revs` names. */
export async function diffRevisions(root: string, revs: string[], resolver: KeyResolver): Promise<RevisionDiff> {
  if (revs.length > 2) throw new BackpackError("USAGE", "backpack diff compares at most two revisions", "backpack diff [REV [REV]]");
  const [first, second] = revs;
  const before = first === undefined ? (hasCommits(root) ? commitSide(root, "HEAD") : emptySide("HEAD")) : commitSide(root, first);
  const after = second === undefined ? workingTreeSide(root) : commitSide(root, second);
  const paths = [...new Set([...before.paths, ...after.paths])].sort();
  const beforeTexts = before.texts(paths);
  const afterTexts = after.texts(paths);
  const files: FileDiff[] = [];
  for (const path of paths) {
    const open = async (text: string | undefined, label: string) =>
      text === undefined ? undefined : (await openAgentText(text, `${path} (${label})`, resolver)).doc;
    const b = await open(beforeTexts.get(path), before.label);
    const a = await open(afterTexts.get(path), after.label);
    files.push({ path, before: b, after: a, sections: diffDocuments(b, a) });
  }
  return { beforeLabel: before.label, afterLabel: after.label, files };
}

function isAgentLock(path: string): boolean {
  return basename(path) === AGENT_LOCK;
}

function hasCommits(root: string): boolean {
  return git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { cwd: root, allowFail: true }).status === 0;
}

function emptySide(label: string): Side {
  return { label, paths: [], texts: () => new Map() };
}

function commitSide(root: string, rev: string): Side {
  if (rev.startsWith("-") || git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { cwd: root, allowFail: true }).status !== 0) {
    throw new BackpackError("USAGE", `unknown revision: ${rev}`, "name a commit, branch or tag (see `git log --oneline`)");
  }
  const commit = gitText(["rev-parse", "--verify", `${rev}^{commit}`], { cwd: root });
  // -z: paths are NUL-terminated and never quoted (https://git-scm.com/docs/git-ls-tree#_output_format).
  const listed = git(["ls-tree", "-r", "-z", "--name-only", commit], { cwd: root }).stdout.toString("utf8");
  const paths = listed.split("\0").filter((p) => p && isAgentLock(p));
  return {
    label: rev,
    paths,
    texts(wanted) {
      const present = wanted.filter((p) => paths.includes(p));
      const objects = catFileBatch(
        present.map((p) => `${commit}:${p}`),
        { cwd: root },
      );
      return new Map(objects.flatMap((o, i) => (o.content ? [[present[i] as string, o.content.toString("utf8")] as [string, string]] : [])));
    },
  };
}

function workingTreeSide(root: string): Side {
  // Tracked files and new ones not ignored, so a freshly made agent.lock shows as added;
  // a file outside a sparse checkout, or deleted, is absent from the working tree.
  const tracked = trackedAgentLocks(root).filter((f) => f.inWorktree).map((f) => f.path);
  const paths = [...tracked, ...untrackedAgentLocks(root)].filter((p) => existsSync(join(root, p)));
  return {
    label: "working tree",
    paths,
    texts: (wanted) => new Map(wanted.filter((p) => paths.includes(p)).map((p) => [p, readAgentFileText(join(root, p))])),
  };
}
