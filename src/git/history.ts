/**
 * `backpack log`: the committed versions of one agent.lock, decrypted, each
 * with the version before it (its commit's first parent), ready for
 * core/history.ts to say what each commit changed.
 *
 * One process: one `git log` lists the commits that changed the file, one
 * `git cat-file --batch` reads every version (`<commit>:<path>` and
 * `<parent>:<path>`), and each distinct blob is decrypted once. git's own
 * `git log -p` starts the textconv driver once per version instead.
 */
import { posix } from "node:path";
import type { VersionPair } from "../core/history.js";
import type { WorkingForm } from "../core/schema.js";
import { BackpackError } from "../errors/errors.js";
import { openAgentText } from "../agent-file/agent-file.js";
import type { KeyResolver } from "../keys/resolver.js";
import { catFileBatch } from "./cat-file.js";
import { git, gitText } from "./exec.js";

/** A commit that changed the file. */
export interface CommitInfo {
  commit: string;
  /** Author date, strict ISO 8601. */
  date: string;
  author: string;
  subject: string;
}

export interface HistoryOptions {
  /** Where the history starts (default HEAD). */
  rev?: string;
  /** At most this many commits. */
  maxCount?: number;
}

/** The path of `file` (relative to `cwd`) from the top of the working tree, as git names it. */
export function repositoryPath(cwd: string, file: string): string {
  const prefix = gitText(["rev-parse", "--show-prefix"], { cwd });
  const path = posix.normalize(posix.join(prefix, file.replace(/\\/g, "/")));
  if (path.startsWith("../") || path === ".." || posix.isAbsolute(path)) {
    throw new BackpackError("USAGE", `${file} is outside this repository`, "name an agent.lock inside the repository");
  }
  return path;
}

/** Commits from `options.rev` (default HEAD) that changed `path`, newest first (first parent "" for a root commit). */
function commitsChanging(root: string, path: string, options: HistoryOptions): (CommitInfo & { parent: string })[] {
  const rev = options.rev ?? "HEAD";
  if (rev.startsWith("-") || git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { cwd: root, allowFail: true }).status !== 0) {
    throw new BackpackError("USAGE", `unknown revision: ${rev}`, "name a commit, branch or tag (see `git log --oneline`)");
  }
  const args = ["log", "-z", "--format=%H%x1f%P%x1f%aI%x1f%an%x1f%s"];
  if (options.maxCount !== undefined) args.push(`--max-count=${options.maxCount}`);
  // :(literal): the path is a file name, never a glob the repository's names could widen.
  args.push(rev, "--", `:(literal)${path}`);
  const out = git(args, { cwd: root }).stdout.toString("utf8");
  return out
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const [commit = "", parents = "", date = "", author = "", subject = ""] = record.split("\x1f");
      return { commit, parent: parents.split(" ")[0] ?? "", date, author, subject };
    });
}

/** The versions of `path` commit by commit, newest first, decrypted with `resolver`. */
export async function readAgentHistory(root: string, path: string, resolver: KeyResolver, options: HistoryOptions = {}): Promise<VersionPair<CommitInfo>[]> {
  if (path.includes("\n")) throw new BackpackError("USAGE", "a path with a line break cannot be read", "rename the file");
  const commits = commitsChanging(root, path, options);
  const names: string[] = [];
  for (const c of commits) names.push(`${c.commit}:${path}`, ...(c.parent ? [`${c.parent}:${path}`] : []));
  const objects = catFileBatch(names, { cwd: root });
  const byName = new Map(objects.map((o) => [o.name, o]));
  const docs = new Map<string, Promise<WorkingForm>>();
  const open = async (name: string, label: string): Promise<WorkingForm | undefined> => {
    const object = byName.get(name);
    if (!object?.content || object.type !== "blob") return undefined;
    let doc = docs.get(object.oid);
    if (!doc) {
      doc = openAgentText(object.content.toString("utf8"), `${path} (${label})`, resolver).then((loaded) => loaded.doc);
      docs.set(object.oid, doc);
    }
    return doc;
  };
  const versions: VersionPair<CommitInfo>[] = [];
  for (const { parent, ...meta } of commits) {
    const short = meta.commit.slice(0, 12);
    versions.push({
      meta,
      after: await open(`${meta.commit}:${path}`, short),
      before: parent ? await open(`${parent}:${path}`, `${short}^`) : undefined,
    });
  }
  return versions;
}
