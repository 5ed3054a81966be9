/**
 * `backpack verify`: every committed agent.lock (in HEAD, in a range of
 * commits, or in all history) must be a well-formed stored form, and
 * authentic when its key is at hand. This is the guard for what the filters
 * cannot see: a clone without `backpack setup`, a GUI or libgit2 client, a
 * `git add` with the filter config missing all commit the file as it is.
 * Blobs are read in one `git cat-file --batch`.
 */
import { decryptStoredForm, parseAgentLock } from "../core/agent-lock.js";
import { readStoredForm } from "../core/stored-form.js";
import type { StoredForm } from "../core/schema.js";
import { LAYER_NAMES } from "../core/types.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import type { KeyResolver } from "../keys/resolver.js";
import { AGENT_LOCK } from "./agent-locks.js";
import { type BatchObject, catFileBatch, objectSizes } from "./cat-file.js";
import { downgradeText, encryptedFormatOf, lockFormOf } from "../core/lock-form.js";
import { git, gitText } from "./exec.js";

export interface VerifyOptions {
  /** A revision range (`origin/main..HEAD`); default: the tree of HEAD. */
  range?: string;
  /** Every commit reachable from any ref. */
  all?: boolean;
  /** Report a format downgrade (format 3 to 2 or 1.0) in `downgrades` instead of as a problem: a deliberate revert of the upgrade. */
  allowDowngrade?: boolean;
  /**
   * Paths whose plaintext agent.lock layers are allowed (fixtures, templates):
   * the guards' allow-list of the scanner, which only the user's own config or
   * a trusted backpack.toml can set. Listed in `allowedPlaintext`, not problems.
   */
  allowPlaintext?: (path: string) => boolean;
}

/** One committed agent.lock: where it is, and its blob. */
export interface CommittedFile {
  commit: string;
  path: string;
  oid: string;
  /** History only: the blob this commit changed it from (against one parent), and how many parents the commit has. */
  previous?: string;
  parents?: number;
}

/** What is wrong with a committed agent.lock (the SARIF rule it maps to). */
export type VerifyProblemKind = "plaintext" | "damaged" | "invalid" | "missing" | "rollback" | "downgrade";

export interface VerifyProblem extends CommittedFile {
  kind: VerifyProblemKind;
  problem: string;
}

export interface VerifyResult {
  /** What was checked, in words ("HEAD", "origin/main..HEAD", "all history"). */
  scope: string;
  /** Distinct blobs checked. */
  blobs: number;
  authenticated: number;
  /** Blobs that are well formed but could not be authenticated: their key is not at hand. */
  unauthenticated: { key: string; blobs: number }[];
  /** Format 1.0 blobs (the Python tool's; encrypted, not backpack-authenticated). */
  formatOne: number;
  /**
   * Team layers with a key per layer that this user cannot open (per layer:
   * how many blobs): authenticated as a whole (the integrity line), but the
   * layer itself only by a reader of it. Run verify as a reader of every layer
   * to check every layer.
   */
  sealed: { layer: string; blobs: number }[];
  problems: VerifyProblem[];
  /** Format downgrades accepted with `allowDowngrade` (otherwise they are problems). */
  downgrades: VerifyProblem[];
  /** Files with plaintext layers at paths `allowPlaintext` accepts (otherwise they are problems). */
  allowedPlaintext: CommittedFile[];
}

const isAgentLock = (path: string) => path === AGENT_LOCK || path.endsWith(`/${AGENT_LOCK}`);
const FILE_MODES = new Set(["100644", "100755"]);
/** Files under another name are read (to recognise an agent.lock by content) up to this size. */
const MAX_CANDIDATE_BYTES = 16 * 1024 * 1024;
/** Bytes read per `git cat-file --batch` process. */
const CHUNK_BYTES = 64 * 1024 * 1024;

/** agent.lock files in the tree of HEAD (`git ls-tree -r -z`: "<mode> SP <type> SP <oid> TAB <path> NUL"). */
function filesAtHead(root: string): CommittedFile[] {
  const head = git(["rev-parse", "--verify", "-q", "HEAD"], { cwd: root, allowFail: true });
  if (head.status !== 0) return [];
  const commit = head.stdout.toString("utf8").trim();
  // -l adds the size: "<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL". Every file up to the
  // size limit is a candidate: an agent.lock is recognised by its content, whatever its name.
  const out = git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit], { cwd: root }).stdout.toString("utf8");
  const files: CommittedFile[] = [];
  for (const entry of out.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, oid, size] = entry.slice(0, tab).split(/ +/);
    const path = entry.slice(tab + 1);
    if (type !== "blob" || !mode || !FILE_MODES.has(mode) || !oid) continue;
    if (isAgentLock(path) || Number(size) <= MAX_CANDIDATE_BYTES) files.push({ commit, path, oid });
  }
  return files;
}

/**
 * Blobs added or changed by each commit in `revs`, merges included (-m:
 * against each parent), whatever their name: an agent.lock is recognised by
 * its content, so a working form committed as `bot.json` is found as surely
 * as one committed as agent.lock. `git log --format=%x01%H --raw -z` prints
 * "\x01<commit> NUL" then, per file, ":<old mode> <new mode> <old oid> <new oid> <status> NUL <path> NUL"
 * (https://git-scm.com/docs/git-log#_raw_output_format).
 */
function filesInHistory(root: string, revs: string[]): CommittedFile[] {
  const out = git(["log", "--topo-order", "--format=%x01%H %P", "--raw", "-z", "-m", "--no-abbrev", "--no-renames", "--no-ext-diff", "--diff-filter=d", ...revs, "--"], { cwd: root }).stdout.toString("utf8");
  const files: CommittedFile[] = [];
  const tokens = out.split("\0");
  let commit = "";
  let parents = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as string).replace(/^\n/, "");
    if (token.startsWith("\x01")) {
      const [hash, ...rest] = token.slice(1).trim().split(" ");
      commit = hash ?? "";
      parents = rest.filter(Boolean).length;
    } else if (token.startsWith(":")) {
      const [, mode, previous, oid] = token.slice(1).split(" ");
      const path = tokens[++i] ?? "";
      if (mode && FILE_MODES.has(mode) && oid && !/^0+$/.test(oid)) files.push({ commit, path, oid, parents, ...(previous && !/^0+$/.test(previous) ? { previous } : {}) });
    }
  }
  return withinCandidateSize(root, files);
}

/** Keeps every file named agent.lock, and files under other names up to the size an agent.lock is read at (one `git cat-file --batch-check`). */
function withinCandidateSize(root: string, files: CommittedFile[]): CommittedFile[] {
  const others = [...new Set(files.filter((f) => !isAgentLock(f.path)).map((f) => f.oid))];
  const sizes = objectSizes(others, { cwd: root });
  return files.filter((f) => isAgentLock(f.path) || (sizes.get(f.oid) ?? Number.POSITIVE_INFINITY) <= MAX_CANDIDATE_BYTES);
}

/** The blobs `oids` (sizes known), read in `git cat-file --batch` runs of about CHUNK_BYTES so a long history is never in memory at once. */
function* blobsInChunks(root: string, oids: string[]): Generator<BatchObject> {
  const sizes = objectSizes(oids, { cwd: root });
  let chunk: string[] = [];
  let bytes = 0;
  for (const oid of oids) {
    chunk.push(oid);
    bytes += sizes.get(oid) ?? 0;
    if (bytes >= CHUNK_BYTES) {
      yield* catFileBatch(chunk, { cwd: root });
      chunk = [];
      bytes = 0;
    }
  }
  if (chunk.length > 0) yield* catFileBatch(chunk, { cwd: root });
}

/** Refuses a range git does not know, or option-looking input (it would reach git as an option). */
export function checkRange(root: string, range: string, command = "verify"): void {
  const bad = range.startsWith("-") || git(["rev-list", "-n", "1", range, "--"], { cwd: root, allowFail: true }).status !== 0;
  if (bad) throw new BackpackError("USAGE", `unknown revision or range: ${range}`, `name commits git knows, e.g. \`backpack ${command} origin/main..HEAD\``);
}

/**
 * What a member without a layer's key can do unseen by the integrity line
 * (they hold the file key, which keys it): put back an earlier token of that
 * layer in the same file. Such a commit is found here: it changes a layer of
 * a file with a key per layer away from the token of every parent, to a token
 * the same path has in another commit of the range. A deliberate revert looks
 * the same, so it is reported for a reader to confirm.
 */
function findRollbacks(root: string, files: CommittedFile[], layered: ReadonlyMap<string, StoredForm>): VerifyProblem[] {
  const forms = new Map(layered);
  const previous = [...new Set(files.map((f) => f.previous).filter((oid): oid is string => oid !== undefined && !forms.has(oid)))];
  for (const blob of previous.length ? catFileBatch(previous, { cwd: root }) : []) {
    const stored = blob.content ? readStoredForm(blob.content.toString("utf8")) : undefined;
    if (stored?.version === 3 && stored.keys) forms.set(blob.name, stored);
  }
  const problems: VerifyProblem[] = [];
  const byCommitPath = new Map<string, CommittedFile[]>();
  // For each path, layer and token: the oldest place (largest index: git log --topo-order lists children first) it appears.
  const oldest = new Map<string, number>();
  const lastIndex = new Map<string, number>();
  files.forEach((file, index) => {
    const key = `${file.commit}\0${file.path}`;
    byCommitPath.set(key, [...(byCommitPath.get(key) ?? []), file]);
    lastIndex.set(key, index);
    for (const oid of [file.oid, file.previous]) {
      const stored = oid ? forms.get(oid) : undefined;
      if (stored) for (const layer of LAYER_NAMES) oldest.set(`${file.path}\0${layer}\0${stored.layers[layer]}`, index);
    }
  });
  for (const [key, entries] of byCommitPath) {
    const file = entries[0] as CommittedFile;
    // A merge lists the file once per parent it differs from: fewer entries means it equals a parent's version.
    if (entries.length < (file.parents ?? 1)) continue;
    const stored = forms.get(file.oid);
    const before = entries.map((e) => (e.previous ? forms.get(e.previous) : undefined));
    if (!stored || before.some((b) => b === undefined)) continue;
    for (const layer of LAYER_NAMES) {
      const token = stored.layers[layer];
      if (before.some((b) => b?.layers[layer] === token)) continue;
      // Seen in an older commit (not a parent: checked above), so this commit brought an earlier version back.
      if ((oldest.get(`${file.path}\0${layer}\0${token}`) ?? -1) <= (lastIndex.get(key) ?? 0)) continue;
      problems.push({
        commit: file.commit,
        path: file.path,
        oid: file.oid,
        kind: "rollback",
        problem: `the ${layer} layer went back to an earlier version of itself (the same ciphertext as in another commit): any member can do this to a layer they cannot read; a reader of it should confirm this was a deliberate revert`,
      });
    }
  }
  return problems;
}

/**
 * Commits that take an agent.lock from format 3 down to format 2 or 1.0 at
 * the same path (against a parent): the file id and the integrity line are
 * gone, so its layers can again be assembled from older versions. `formats`
 * holds the format of the blobs already read; the parents' blobs are read
 * here. Format 1.0 and 2 files that were never format 3 at their path (old
 * history, fixtures) are not downgrades.
 */
function findDowngrades(root: string, changes: CommittedFile[], formats: Map<string, number | undefined>): VerifyProblem[] {
  const lower = changes.filter((f) => f.previous !== undefined && (formats.get(f.oid) === 1 || formats.get(f.oid) === 2));
  const unread = [...new Set(lower.map((f) => f.previous as string).filter((oid) => !formats.has(oid)))];
  for (const blob of unread.length ? blobsInChunks(root, unread) : []) formats.set(blob.name, blob.content ? encryptedFormatOf(blob.content.toString("utf8")) : undefined);
  return lower
    .filter((f) => formats.get(f.previous as string) === 3)
    .map((f) => ({ commit: f.commit, path: f.path, oid: f.oid, kind: "downgrade" as const, problem: downgradeText(formats.get(f.oid) as 1 | 2) }));
}

/** Checks the committed agent.lock files; problems name commit and path. */
export async function verifyCommitted(root: string, resolver: KeyResolver, options: VerifyOptions = {}): Promise<VerifyResult> {
  let files: CommittedFile[];
  let scope: string;
  // The changes the downgrade check compares (against each parent): the range's, or HEAD's own.
  let changes: CommittedFile[];
  if (options.all) {
    files = filesInHistory(root, ["--all"]);
    changes = files;
    scope = "all history";
  } else if (options.range) {
    checkRange(root, options.range);
    files = filesInHistory(root, [options.range]);
    changes = files;
    scope = options.range;
  } else {
    files = filesAtHead(root);
    // The commit HEAD names: what it changed against each parent (`git log --no-walk -m`; not -n 1, which --diff-filter would move to an older commit).
    changes = files.length > 0 ? filesInHistory(root, ["--no-walk", files[0]?.commit as string]) : [];
    scope = files.length > 0 ? `HEAD (${gitText(["rev-parse", "--short", "HEAD"], { cwd: root })})` : "HEAD";
  }

  const byOid = new Map<string, CommittedFile[]>();
  for (const file of files) byOid.set(file.oid, [...(byOid.get(file.oid) ?? []), file]);
  const result: VerifyResult = { scope, blobs: byOid.size, authenticated: 0, unauthenticated: [], formatOne: 0, sealed: [], problems: [], downgrades: [], allowedPlaintext: [] };
  // The format of every blob read as an agent.lock (3, 2, 1 for format 1.0; undefined: not encrypted): for the downgrade check.
  const formats = new Map<string, number | undefined>();
  const sealedCounts = new Map<string, number>();
  const layered = new Map<string, StoredForm>();
  const unauthenticated = new Map<string, number>();
  const problem = (oid: string, kind: VerifyProblemKind, text: string) => {
    for (const file of byOid.get(oid) ?? []) result.problems.push({ ...file, kind, problem: text });
  };
  // One blob can be committed as agent.lock and under another name (a rename): each is said as what it is.
  const plaintext = (oid: string) => {
    for (const file of byOid.get(oid) ?? []) {
      if (options.allowPlaintext?.(file.path)) {
        result.allowedPlaintext.push(file);
        continue;
      }
      const text = isAgentLock(file.path)
        ? "committed in plaintext (the working form): the filter was not active"
        : "holds plaintext agent.lock layers (a working form, or JSON made to look like an encrypted one) under a name git's filter does not cover";
      result.problems.push({ ...file, kind: "plaintext", problem: text });
    }
  };

  // Blobs recognised as agent.lock files (by name or content): the rollback check looks at these only.
  const recognised = new Set<string>();
  for (const blob of blobsInChunks(root, [...byOid.keys()])) {
    if (!blob.content) {
      problem(blob.name, "missing", "the blob is missing from the object store");
      continue;
    }
    const text = blob.content.toString("utf8");
    const name = byOid.get(blob.name)?.[0]?.path ?? AGENT_LOCK;
    if (!(byOid.get(blob.name) ?? []).some((f) => isAgentLock(f.path))) {
      // Another name: only an agent.lock by content counts (plaintext layers are a problem; other files are not ours).
      const form = lockFormOf(text);
      if (form === "other") {
        result.blobs--;
        continue;
      }
      recognised.add(blob.name);
      if (form === "working") {
        plaintext(blob.name);
        continue;
      }
    }
    recognised.add(blob.name);
    const stored = readStoredForm(text);
    formats.set(blob.name, stored ? stored.version : encryptedFormatOf(text));
    if (!stored) {
      try {
        const parsed = parseAgentLock(text, name);
        if (parsed.form === "v1") result.formatOne++;
        else if (parsed.form === "working") plaintext(blob.name);
        else problem(blob.name, "damaged", "a damaged stored form");
      } catch (error) {
        if (!isBackpackError(error)) throw error;
        problem(blob.name, "invalid", `not a valid agent.lock: ${error.message}`);
      }
      continue;
    }
    const key = await resolver.tryKeyFor(stored);
    if (!key) {
      unauthenticated.set(stored.key, (unauthenticated.get(stored.key) ?? 0) + 1);
      continue;
    }
    try {
      const doc = decryptStoredForm(stored, key, name);
      result.authenticated++;
      for (const layer of Object.keys(doc.sealed ?? {})) sealedCounts.set(layer, (sealedCounts.get(layer) ?? 0) + 1);
      if (stored.version === 3 && stored.keys) layered.set(blob.name, stored);
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      problem(blob.name, "damaged", error.message);
    }
  }
  result.unauthenticated = [...unauthenticated].map(([key, blobs]) => ({ key, blobs }));
  result.sealed = [...sealedCounts].map(([layer, blobs]) => ({ layer, blobs }));
  if (options.all || options.range) {
    for (const r of findRollbacks(root, files.filter((f) => recognised.has(f.oid)), layered)) result.problems.push(r);
  }
  const downgrades = findDowngrades(
    root,
    changes.filter((f) => recognised.has(f.oid)),
    formats,
  );
  if (options.allowDowngrade) result.downgrades = downgrades;
  else result.problems.push(...downgrades);
  result.problems.sort((a, b) => a.commit.localeCompare(b.commit) || a.path.localeCompare(b.path));
  return result;
}
