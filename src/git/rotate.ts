/**
 * `backpack key rotate`: a new repo key, and every agent.lock of the
 * repository re-encrypted with it, all or nothing:
 *
 *  1. read and decrypt everything first (working-tree files in stored form,
 *     and the stored-form blobs in the index): a file that cannot be opened
 *     stops the rotation before anything changed;
 *  2. encrypt every document with the new key in memory and verify each text
 *     decrypts to the same document;
 *  3. store the new key (and keep each old key, as a backup, so history stays
 *     readable), each read back from its store and checked; write the journal
 *     (git/rotate-journal.ts: no key material, fingerprints only); then write
 *     each file atomically and verify it by reading it back, point the index
 *     entries at the re-encrypted blobs (one index write; skip-worktree bits
 *     of a sparse checkout set again), set git config backpack.key, and
 *     remove the journal;
 *  4. on any failure, undo the steps done, newest first, and forget the new key.
 *  5. killed midway (no undo runs), the journal stays: the next command that
 *     opens the repository, or `backpack doctor --fix`, finishes the rotation
 *     (finishRotation), so in effect it happened all or not at all.
 *
 * The index is rewritten blob by blob rather than with `git add`, so unstaged
 * edits stay unstaged; the next commit carries the new ciphertext. In a
 * repository wired by setup, a working-form file needs no rewrite: its index
 * blob is re-encrypted here, and the clean filter (now using the new key)
 * gives that same blob, since encryption is deterministic.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { decryptStoredForm, parseAgentLock } from "../core/agent-lock.js";
import { type RepoKey, newRepoKey } from "../core/key-material.js";
import type { WorkingForm } from "../core/schema.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { catFileBatch } from "./cat-file.js";
import { markSkipWorktree, readIndexEntries, skipWorktreePaths, untrackedFiles, updateIndexEntries, writeBlob } from "./index-entries.js";
import { type RotateJournal, readRotateJournal, removeRotateJournal, rotateJournalPath, rotationPending, writeRotateJournal } from "./rotate-journal.js";
import { formatKdf, setLocalConfig } from "./repo.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readTextIfExists } from "../io/read-if-exists.js";
import { withFileLock } from "../io/file-lock.js";
import { testPause } from "../io/test-pause.js";
import { DEFAULT_KEY_ACCOUNT, type KeySource, repoKeyAccount } from "../keys/key-source.js";
import { availableStores, storeRepoKey, writableStore } from "../keys/sources.js";
import { log } from "../output/log.js";
import { readAgentFileText, readsBackAs, renderVerified } from "../agent-file/agent-file.js";
import type { CommandContext } from "./context.js";

export interface RotateOptions {
  /** Delete the old key(s) from the key stores once the rotation succeeded. */
  forgetOld?: boolean;
  /** Writes a file atomically; replaceable so tests can make a write fail midway. */
  writeFile?: (path: string, text: string) => void;
  /** Called as files are opened and re-encrypted (done, total, path), then as they are written. */
  onProgress?: (done: number, total: number, detail?: string) => void;
  /** The new key (default: 32 random bytes). `backpack team` passes the key it wrapped for the members. */
  newKey?: RepoKey;
  /** More files written in the same all-or-nothing change (the team file and wrapped keys): absolute path and text. */
  alsoWrite?: Array<{ path: string; text: string }>;
}

/** What a working-tree agent.lock was, and what rotation did to it. */
export interface RotatedFile {
  path: string;
  action: "re-encrypted" | "index only" | "skipped";
  /** Why it was skipped, or what else happened (never a value). */
  note?: string;
}

export interface RotateResult {
  newFingerprint: string;
  /** Keys the files were encrypted with before (the old repo key first). */
  oldFingerprints: string[];
  /** The store holding the new key. */
  store: string;
  files: RotatedFile[];
  /** Index entries that now point at re-encrypted blobs. */
  restaged: string[];
  /** Old keys deleted from the stores (with --forget-old). */
  forgotten: string[];
  /** Old keys kept although --forget-old asked (with the reason). */
  kept: string[];
  /** The repository used a passphrase (backpack.kdf): the new key is random. */
  leftPassphrase: boolean;
  /** Names (never values) of the credentials embedded in the re-encrypted files: whoever held the old key can still read them. */
  embeddedCredentials: string[];
}

interface Plan {
  /** Working-tree files to rewrite: old and new text. */
  writes: Array<{ path: string; rel: string; before: string; after: string; doc: WorkingForm }>;
  /** Index entries to repoint. */
  index: Array<{ mode: string; oldOid: string; path: string; before: string; after: string; doc: WorkingForm }>;
  files: RotatedFile[];
  oldKeys: Map<string, RepoKey>;
}

/** The stored text of a document under the new key, verified in memory. */
function sealVerified(doc: WorkingForm, key: RepoKey, name: string): string {
  return renderVerified(doc, { form: "stored", repoKey: key }, name);
}

async function planRotation(ctx: CommandContext, root: string, newKey: RepoKey, onProgress: RotateOptions["onProgress"]): Promise<Plan> {
  const entries = readIndexEntries(root);
  const unmerged = entries.find((e) => e.stage !== 0);
  if (unmerged) {
    throw new BackpackError("CONFLICT", `${unmerged.path} has an unresolved merge conflict`, "finish the merge (resolve, `git add`, commit), then rotate the key");
  }
  const plan: Plan = { writes: [], index: [], files: [], oldKeys: new Map() };
  const open = async (text: string, name: string): Promise<WorkingForm | "working" | "v1"> => {
    const parsed = parseAgentLock(text, name);
    if (parsed.form !== "stored") return parsed.form;
    const key = await ctx.resolver.keyFor(parsed.stored, name);
    plan.oldKeys.set(key.fingerprint, key);
    return decryptStoredForm(parsed.stored, key, name);
  };

  // The working tree: tracked and untracked (not ignored) agent.lock files.
  const tracked = new Set(entries.map((e) => e.path));
  const worktree = [...tracked, ...untrackedFiles(root)].sort();
  const total = worktree.length + entries.length;
  let done = 0;
  for (const rel of worktree) {
    onProgress?.(done++, total, rel);
    const path = join(root, rel);
    let before: string;
    try {
      before = readAgentFileText(path);
    } catch (error) {
      if (isBackpackError(error) && error.code === "NOT_FOUND") continue; // deleted in the working tree; its index entry is handled below
      throw error;
    }
    const doc = await open(before, rel);
    if (doc === "working") plan.files.push({ path: rel, action: "index only", note: ctx.wired ? "working form: git encrypts it with the new key" : "working form (not encrypted): left as it is" });
    else if (doc === "v1") plan.files.push({ path: rel, action: "skipped", note: "format 1.0: run `backpack migrate` first" });
    else {
      plan.writes.push({ path, rel, before, after: sealVerified(doc, newKey, rel), doc });
      plan.files.push({ path: rel, action: "re-encrypted" });
    }
  }

  // The index: stored-form blobs, re-encrypted blob by blob.
  const blobs = catFileBatch(entries.map((e) => e.oid), { cwd: root });
  for (const [i, entry] of entries.entries()) {
    onProgress?.(done++, total, `${entry.path} (staged)`);
    const content = blobs[i]?.content;
    if (!content) continue;
    const before = content.toString("utf8");
    const doc = await open(before, `${entry.path} (staged)`);
    if (typeof doc === "string") {
      if (doc === "working") log.warn(`${entry.path} is staged in plaintext (working form); run \`git add\` with the filter active, or \`backpack scan\``, { path: entry.path });
      continue;
    }
    plan.index.push({ mode: entry.mode, oldOid: entry.oid, path: entry.path, before, after: sealVerified(doc, newKey, entry.path), doc });
  }
  return plan;
}

/** The journal's record of the repository before the rotation. */
function journalFor(repo: NonNullable<CommandContext["repo"]>, to: string, skipWorktree: string[]): RotateJournal {
  return {
    version: 1,
    root: repo.root,
    from: repo.keyFingerprint ?? null,
    fromKdf: repo.kdf ? formatKdf(repo.kdf) : null,
    to,
    skipWorktree,
    started: new Date().toISOString(),
  };
}

/**
 * Writes the planned files, points the index at the re-encrypted blobs (the
 * skip-worktree bit kept), and names the new key in git config. `undo` gets
 * each step's reverse once it happened (a fresh rotation undoes on failure;
 * finishing an interrupted one goes forward only). A file already in its new
 * text is left alone, so finishing twice is harmless.
 */
function applyRotation(
  repo: NonNullable<CommandContext["repo"]>,
  root: string,
  plan: Plan,
  newKey: RepoKey,
  skipWorktree: string[],
  writeFile: (path: string, text: string) => void,
  undo: Array<() => Promise<void> | void>,
  onProgress: RotateOptions["onProgress"],
): void {
  let written = 0;
  for (const [i, write] of plan.writes.entries()) {
    onProgress?.(i, plan.writes.length, write.rel);
    if (write.before === write.after) continue;
    writeFile(write.path, write.after);
    undo.push(() => writeFile(write.path, write.before));
    if (!readsBackAs(readAgentFileText(write.path), write.doc, { form: "stored", repoKey: newKey }, write.rel)) {
      throw new BackpackError("IO", `${write.rel} did not read back as written`, "check the disk; nothing was changed");
    }
    testPause(`rotate-after-files:${++written}`);
  }

  const changed = plan.index.filter((e) => e.before !== e.after);
  if (changed.length) {
    const updates = changed.map((e) => ({ mode: e.mode, oid: writeBlob(root, e.after), path: e.path }));
    updateIndexEntries(root, updates);
    markSkipWorktree(root, skipWorktree);
    undo.push(() => {
      updateIndexEntries(root, changed.map((e) => ({ mode: e.mode, oid: e.oldOid, path: e.path })));
      markSkipWorktree(root, skipWorktree);
    });
  } else {
    markSkipWorktree(root, skipWorktree);
  }

  const oldFingerprint = repo.keyFingerprint;
  setLocalConfig(repo, "backpack.key", newKey.fingerprint);
  undo.push(() => setLocalConfig(repo, "backpack.key", oldFingerprint));
  // The new key is random: a passphrase no longer derives the repository's key.
  const oldKdf = repo.kdf;
  if (oldKdf) {
    setLocalConfig(repo, "backpack.kdf", undefined);
    undo.push(() => setLocalConfig(repo, "backpack.kdf", formatKdf(oldKdf)));
  }
}

/** Rotates the repository's key; see the module comment for the order of steps. */
export async function rotateRepoKey(ctx: CommandContext, options: RotateOptions = {}): Promise<RotateResult> {
  const repo = ctx.repo;
  if (!repo) throw new BackpackError("GIT", "`backpack key rotate` works inside a git repository", "cd into the repository whose key you want to rotate");
  if (repo.team && !options.newKey) {
    throw new BackpackError("USAGE", "this is a team repository: its key is wrapped for each member", "run `backpack team rotate`, which wraps the new key for every member too");
  }
  const writeFile = options.writeFile ?? ((path: string, text: string) => writeFileAtomic(path, text));
  mkdirSync(dirname(rotateJournalPath(repo)), { recursive: true });
  return withFileLock(rotateJournalPath(repo), async () => {
    if (readRotateJournal(repo)) {
      throw new BackpackError("CONFLICT", "a key rotation was interrupted and is not finished", "run `backpack doctor --fix` to finish it, then rotate again if you still want a new key");
    }
    return rotateLocked(ctx, repo, writeFile, options);
  });
}

async function rotateLocked(
  ctx: CommandContext,
  repo: NonNullable<CommandContext["repo"]>,
  writeFile: (path: string, text: string) => void,
  options: RotateOptions,
): Promise<RotateResult> {
  // The current repo key must be at hand (it is kept as the backup).
  const current = repo.keyFingerprint ? await ctx.resolver.defaultKey() : undefined;
  const newKey = options.newKey ?? newRepoKey(randomBytes(32));
  const plan = await planRotation(ctx, repo.root, newKey, options.onProgress);
  if (current) plan.oldKeys = new Map([[current.fingerprint, current], ...plan.oldKeys]);
  const skipWorktree = skipWorktreePaths(repo.root);

  const stores = ctx.sources.filter((s) => s.writable);
  const target = await writableStore(await availableStores(stores));
  const undo: Array<() => Promise<void> | void> = [];
  try {
    // Every key stored and read back before the first file changes: no file is
    // ever encrypted with a key no store holds, and the journal can always finish.
    await storeRepoKey(target, newKey);
    undo.push(() => target.delete(repoKeyAccount(newKey.fingerprint)).then(() => undefined));
    // Old keys stay stored (history is encrypted with them); one that was only in the environment is saved now.
    for (const old of plan.oldKeys.values()) {
      if (!(await heldBy(stores, old.fingerprint))) {
        await storeRepoKey(target, old);
        undo.push(() => target.delete(repoKeyAccount(old.fingerprint)).then(() => undefined));
        log.info(`kept the old key ${old.fingerprint} in the ${target.name} store`);
      }
    }
    writeRotateJournal(repo, journalFor(repo, newKey.fingerprint, skipWorktree));
    undo.push(() => removeRotateJournal(repo));
    // The team file and wrapped keys (`backpack team rotate`) before any agent.lock: once one file
    // is under the new key, the members can open it. (Finishing an interrupted rotation does not rewrite these.)
    for (const extra of options.alsoWrite ?? []) {
      const before = readTextIfExists(extra.path, { within: repo.root });
      mkdirSync(dirname(extra.path), { recursive: true });
      writeFile(extra.path, extra.text);
      undo.push(() => (before === undefined ? rmSync(extra.path, { force: true }) : writeFile(extra.path, before)));
    }
    applyRotation(repo, repo.root, plan, newKey, skipWorktree, writeFile, undo, options.onProgress);
    removeRotateJournal(repo);
  } catch (error) {
    let undone = true;
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (undoError) {
        undone = false;
        log.error("could not undo a rotation step", { error: undoError instanceof Error ? undoError.name : "error" });
      }
    }
    const how = undone ? "and was undone" : "and could not be undone in full: `backpack doctor --fix` finishes it";
    if (isBackpackError(error)) {
      throw new BackpackError(error.code, `key rotation failed, ${how}: ${error.message}`, error.hint, { cause: error });
    }
    throw new BackpackError("IO", `key rotation failed, ${how}`, "run again with --debug for details", { cause: error });
  }

  const oldFingerprints = [...plan.oldKeys.keys()].filter((fp) => fp !== newKey.fingerprint);
  const forgotten: string[] = [];
  const kept: string[] = [];
  if (options.forgetOld) {
    const defaultFingerprint = await firstValue(stores, DEFAULT_KEY_ACCOUNT);
    for (const fp of oldFingerprints) {
      if (fp === defaultFingerprint) {
        kept.push(`${fp} (your default key for files outside repositories)`);
        continue;
      }
      let deleted = false;
      for (const store of await availableStores(stores)) deleted = (await store.delete(repoKeyAccount(fp))) || deleted;
      if (deleted) forgotten.push(fp);
    }
  }
  log.info("rotated the repository key", { from: oldFingerprints.join(","), to: newKey.fingerprint });
  return {
    newFingerprint: newKey.fingerprint,
    oldFingerprints,
    store: target.name,
    files: plan.files,
    restaged: plan.index.map((e) => e.path),
    forgotten,
    kept,
    leftPassphrase: Boolean(repo.kdf),
    embeddedCredentials: embeddedNames([...plan.writes, ...plan.index].map((e) => e.doc)),
  };
}

function embeddedNames(docs: WorkingForm[]): string[] {
  const names = new Set<string>();
  for (const doc of docs) for (const [name, entry] of Object.entries(doc.credentials)) if (entry.source === "embedded") names.add(name);
  return [...names].sort();
}

/** What finishing an interrupted rotation did. */
export interface FinishedRotation {
  /** "finished": every file now uses the new key; "rolled back": nothing had changed yet, the old key stays. */
  outcome: "finished" | "rolled back";
  from: string | null;
  to: string;
  /** Files (working tree and index) this call re-encrypted. */
  rewritten: number;
}

/**
 * Finishes a rotation a kill or a power cut interrupted (its journal is
 * there): every agent.lock still under the old key is re-encrypted with the
 * new one (both are in a key store: the journal is written only after that),
 * the skip-worktree bits are set again, and git config names the new key. If
 * the new key is gone from every store and no file uses it yet, the rotation
 * is rolled back instead (the journal removed; nothing else had changed).
 * Returns undefined when no rotation is pending.
 */
export async function finishRotation(ctx: CommandContext): Promise<FinishedRotation | undefined> {
  const repo = ctx.repo;
  if (!repo || !rotationPending(repo)) return undefined;
  return withFileLock(rotateJournalPath(repo), async () => {
    const journal = readRotateJournal(repo);
    if (!journal) return undefined; // another process finished it meanwhile
    const root = existsSync(journal.root) ? journal.root : repo.root;
    const newKey = await ctx.resolver.tryKeyFor({ key: journal.to });
    if (!newKey) {
      if (repo.keyFingerprint === journal.to || keyInUse(root, journal.to)) {
        throw new BackpackError(
          "NO_KEY",
          `an interrupted key rotation cannot be finished: files use the new key ${journal.to}, which no key store holds`,
          `import that key (\`backpack key import\`) and run \`backpack doctor --fix\`; see docs/troubleshooting.md`,
        );
      }
      removeRotateJournal(repo);
      log.warn(`an interrupted key rotation was rolled back: no file used its new key ${journal.to} yet`);
      return { outcome: "rolled back" as const, from: journal.from, to: journal.to, rewritten: 0 };
    }
    const plan = await planRotation(ctx, root, newKey, undefined);
    const rewritten = plan.writes.filter((w) => w.before !== w.after).length + plan.index.filter((e) => e.before !== e.after).length;
    const here = root === repo.root ? repo : { ...repo, root };
    applyRotation(here, root, plan, newKey, journal.skipWorktree, (path, text) => writeFileAtomic(path, text), [], undefined);
    removeRotateJournal(repo);
    log.info("finished an interrupted key rotation", { from: journal.from ?? "none", to: journal.to, rewritten });
    return { outcome: "finished" as const, from: journal.from, to: journal.to, rewritten };
  });
}

/** True when an agent.lock of the working tree or the index names this key in its header. */
function keyInUse(root: string, fingerprint: string): boolean {
  const entries = readIndexEntries(root);
  const texts = catFileBatch(entries.map((e) => e.oid), { cwd: root }).map((b) => b.content?.toString("utf8") ?? "");
  for (const rel of [...new Set([...entries.map((e) => e.path), ...untrackedFiles(root)])]) {
    try {
      texts.push(readAgentFileText(join(root, rel)));
    } catch {
      // gone from the working tree
    }
  }
  return texts.some((text) => {
    try {
      const parsed = parseAgentLock(text, "agent.lock");
      return parsed.form === "stored" && parsed.stored.key === fingerprint;
    } catch {
      return false;
    }
  });
}

async function heldBy(stores: KeySource[], fingerprint: string): Promise<boolean> {
  return (await firstValue(stores, repoKeyAccount(fingerprint))) !== undefined;
}

async function firstValue(stores: KeySource[], account: string): Promise<string | undefined> {
  for (const store of await availableStores(stores)) {
    const value = await store.get(account);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** One line saying what finishing an interrupted rotation did. */
export function describeFinished(done: FinishedRotation): string {
  return done.outcome === "finished"
    ? `finished an interrupted key rotation: the repository now uses key ${done.to} (${done.rewritten} file(s) re-encrypted)`
    : `rolled back an interrupted key rotation: the repository keeps key ${done.from ?? "(none)"}`;
}
