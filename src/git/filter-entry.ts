/**
 * The filter entry points git runs:
 *
 *   backpack git filter-process    the long-running protocol (filter.backpack.process)
 *   backpack git clean [path]      one file, stdin to stdout (filter.backpack.clean)
 *   backpack git smudge [path]     one file, stdin to stdout (filter.backpack.smudge)
 *
 * Warnings and per-file errors go to stderr, which git shows the user.
 */
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { reportError, warnWithHint } from "../output/output.js";
import { loadKeySettings } from "../config/effective.js";
import { workTreeTop } from "../config/paths.js";
import { createKeyResolver, defaultKeySources, unlockHint } from "../keys/sources.js";
import { readChunks, writeAllFully, writeFully } from "./fd-io.js";
import { serveFilterProcess } from "./filter-process.js";
import { type FilterSession, type FilterSessionOptions, createFilterSession } from "./filters.js";
import { type IndexBlobReader, createIndexBlobReader } from "./index-blobs.js";
import { git } from "./exec.js";
import { type RenderRecorder, type StoredSource, createRenderRecorder } from "./render-cache.js";
import { repositoryKey } from "./repo-key.js";
import { redactedRendering } from "../core/textconv.js";
import type { WorkingForm } from "../core/schema.js";
import { sanitize, stringifiedJsonIsSafe } from "../output/sanitize.js";
import { BackpackError } from "../errors/errors.js";
import { rotationPending } from "./rotate-journal.js";

const warn = warnWithHint;

async function openSession(indexBlobs?: IndexBlobReader, env: NodeJS.ProcessEnv = process.env): Promise<FilterSession> {
  // master_key_env and keychain_service; a broken config file gives the defaults, with a warning
  // (a checkout must not fail; clean still needs the repository's own key, so nothing is encrypted with another).
  const root = workTreeTop(process.cwd());
  const settings = await loadKeySettings(root, env, { lookupOnly: true });
  return createFilterSession({
    // root: in a team repository, keys no store holds are opened with the user's identity.
    resolver: createKeyResolver({ sources: defaultKeySources(env, settings), env, settings, root }),
    cleanKey: async () => {
      // Only clean needs the repository's config: smudge finds keys by the file's header.
      const { findRepo } = await import("./repo.js");
      return repositoryKey(findRepo(process.cwd()), env, settings);
    },
    refuseClean: unfinishedRotation(),
    unlockHint: unlockHint(settings.masterKeyEnv),
    warn,
    ...textconvRecords(),
    ...(indexBlobs ? { indexBlob: (pathname: string) => indexBlobs.read(pathname) } : {}),
  });
}

/**
 * The clean filter's check for an interrupted key rotation: its journal in
 * the repository's git dir (found once per process, then one stat per file).
 */
function unfinishedRotation(): () => BackpackError | undefined {
  let commonDir: string | undefined | null;
  return () => {
    if (commonDir === undefined) {
      const r = git(["rev-parse", "--git-common-dir"], { cwd: process.cwd(), allowFail: true });
      commonDir = r.status === 0 ? resolve(r.stdout.toString("utf8").trim()) : null;
    }
    if (commonDir === null || !rotationPending({ commonDir })) return undefined;
    return new BackpackError(
      "CONFLICT",
      "a key rotation was interrupted and is not finished (files may be under either key)",
      "run `backpack doctor --fix` to finish it, then run the git command again",
    );
  };
}

/**
 * Records what textconv prints for each working form smudged for a diff
 * (render-cache.ts), so bin/textconv.sh need not start Node, and recalls a
 * large version's text that an earlier diff recorded, so it is not decrypted
 * again. The repository's git dir is asked once, on the first such file.
 */
function textconvRecords(): Pick<FilterSessionOptions, "onDiffSmudge" | "recallDiffSmudge"> {
  let recorder: RenderRecorder | undefined | null;
  const recorderHere = (): RenderRecorder | null => {
    if (recorder === undefined) {
      recorder = null;
      try {
        const commonDir = commonGitDir();
        if (commonDir) recorder = createRenderRecorder(commonDir);
      } catch {
        // No git to ask: textconv starts Node for these files, as before.
      }
    }
    return recorder;
  };
  return {
    recallDiffSmudge: (stored) => recorderHere()?.recallWorkingForm(stored),
    onDiffSmudge: (doc, text, blob, stored) => recordRendering(recorderHere(), doc, text, blob, stored),
  };
}

/** Records `text`'s rendering (and a large stored form's text) with `recorder`, when there is one. */
function recordRendering(recorder: RenderRecorder | null, doc: WorkingForm, text: Buffer, blob: string | undefined, stored: StoredSource): void {
  if (!recorder) return;
  // What Node's textconv would print: redacted, then passed through the sanitizer (a bidi
  // override in a prompt is not escaped by JSON). "Prints as itself" only when both change nothing.
  // Both texts are JSON.stringify's: plain ASCII needs no sanitizing, and skips its scan of 1 MB.
  recorder.record(text, () => {
    const redacted = redactedRendering(doc);
    if (redacted === undefined) {
      if (stringifiedJsonIsSafe(text)) return undefined;
      const shown = text.toString("utf8");
      const safe = sanitize(shown);
      return safe === shown ? undefined : safe;
    }
    const rendering = Buffer.from(redacted, "utf8");
    return stringifiedJsonIsSafe(rendering) ? rendering : sanitize(redacted);
  }, blob, stored);
}

/**
 * The repository's common git dir. git runs the filter at the top of the
 * working tree: a `.git` folder there is it (where bin/textconv.sh looks
 * too), unless the environment names another; else `git rev-parse` says (a
 * linked worktree, GIT_DIR). So a single `git show` starts no process from
 * the filter, and loads no child_process (exec.ts loads it on first use).
 */
function commonGitDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const here = join(process.cwd(), ".git");
  if (!env.GIT_DIR && !env.GIT_COMMON_DIR && !env.GIT_WORK_TREE && statSync(here, { throwIfNoEntry: false })?.isDirectory()) return here;
  const r = git(["rev-parse", "--git-common-dir"], { cwd: process.cwd(), allowFail: true });
  const dir = r.stdout.toString("utf8").trim();
  return r.status === 0 && dir ? resolve(dir) : undefined;
}

/** All of stdin, read with blocking calls: process.stdin would load Node's stream modules (~10 ms of start). */
function readStdin(): Buffer {
  return Buffer.concat([...readChunks(0)]);
}

/** `backpack git filter-process`: serves git until it closes the pipe. */
export async function filterProcess(args: string[]): Promise<number> {
  // git runs the filter at the top of the work tree, so staged paths resolve from here.
  const indexBlobs = createIndexBlobReader(process.cwd());
  const session = await openSession(indexBlobs);
  // Blocking IO on git's pipes: see fd-io.ts.
  const stdout = { write: (chunk: Buffer) => (writeFully(1, chunk), true), writeAll: (pieces: readonly Buffer[]) => writeAllFully(1, pieces) };
  try {
    await serveFilterProcess(readChunks(0), stdout, {
      commands: {
        clean: session.clean,
        // A request with treeish= comes from a checkout of a commit or from `git archive`: for archive, the stored form.
        smudge: async (pathname, content, headers) => (headers?.has("treeish") && (archiveKnown ?? (await archiveKeepsStoredForm())) ? content : session.smudge(pathname, content, headers)),
      },
      onFileError: (error) => reportError(error, { debug: args.includes("--debug") }),
    });
  } finally {
    indexBlobs.close();
  }
  return 0;
}

/** `backpack git clean [path]`: one file, stdin to stdout. */
export async function cleanOne(args: string[]): Promise<number> {
  const [path = "agent.lock"] = args.filter((a) => !a.startsWith("--"));
  // git runs a single-file filter at the top of the work tree too, with the path relative to it.
  const indexBlobs = createIndexBlobReader(process.cwd());
  try {
    writeFully(1, await (await openSession(indexBlobs)).clean(path, readStdin()));
  } finally {
    indexBlobs.close();
  }
  return 0;
}

let archiveAnswer: Promise<boolean> | undefined;
/** archiveAnswer once settled: a checkout's later files read it without a promise each. */
let archiveKnown: boolean | undefined;

/**
 * True when `git archive` runs this filter and the archive is to hold the
 * stored form: the default, so a tarball never holds plaintext.
 * BACKPACK_ARCHIVE=working asks for decrypted files (docs/git.md).
 */
async function archiveKeepsStoredForm(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.BACKPACK_ARCHIVE === "working") return false;
  // The same answer for every file of the process: asked once (a checkout asks per file).
  archiveAnswer ??= import("./archive-detect.js").then(({ runByGitArchive }) => (archiveKnown = runByGitArchive()));
  return archiveAnswer;
}

/** `backpack git smudge [path]`: one file, stdin to stdout (the stored form as it is for `git archive`). */
export async function smudgeOne(args: string[]): Promise<number> {
  const [path = "agent.lock"] = args.filter((a) => !a.startsWith("--"));
  const content = readStdin();
  if (await archiveKeepsStoredForm()) {
    writeFully(1, content);
    return 0;
  }
  writeFully(1, await (await openSession()).smudge(path, content));
  return 0;
}
