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
 *     readable), then write each file atomically and verify it by reading it
 *     back, point the index entries at the re-encrypted blobs (one index
 *     write), and set git config backpack.key;
 *  4. on any failure, undo the steps done, newest first, and forget the new key.
 *
 * The index is rewritten blob by blob rather than with `git add`, so unstaged
 * edits stay unstaged; the next commit carries the new ciphertext. In a
 * repository wired by setup, a working-form file needs no rewrite: its index
 * blob is re-encrypted here, and the clean filter (now using the new key)
 * gives that same blob, since encryption is deterministic.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { decryptStoredForm, parseAgentLock } from "../core/agent-lock.js";
import { type RepoKey, exportRepoKey, newRepoKey } from "../core/key-material.js";
import type { WorkingForm } from "../core/schema.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { catFileBatch } from "./cat-file.js";
import { readIndexEntries, untrackedFiles, updateIndexEntries, writeBlob } from "./index-entries.js";
import { formatKdf, setLocalConfig } from "./repo.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readTextIfExists } from "../io/read-if-exists.js";
import { DEFAULT_KEY_ACCOUNT, type KeySource, repoKeyAccount } from "../keys/key-source.js";
import { availableStores, writableStore } from "../keys/sources.js";
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
  index: Array<{ mode: string; oldOid: string; path: string; after: string; doc: WorkingForm }>;
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
    const doc = await open(content.toString("utf8"), `${entry.path} (staged)`);
    if (typeof doc === "string") {
      if (doc === "working") log.warn(`${entry.path} is staged in plaintext (working form); run \`git add\` with the filter active, or \`backpack scan\``, { path: entry.path });
      continue;
    }
    plan.index.push({ mode: entry.mode, oldOid: entry.oid, path: entry.path, after: sealVerified(doc, newKey, entry.path), doc });
  }
  return plan;
}

/** Rotates the repository's key; see the module comment for the order of steps. */
export async function rotateRepoKey(ctx: CommandContext, options: RotateOptions = {}): Promise<RotateResult> {
  const repo = ctx.repo;
  if (!repo) throw new BackpackError("GIT", "`backpack key rotate` works inside a git repository", "cd into the repository whose key you want to rotate");
  if (repo.team && !options.newKey) {
    throw new BackpackError("USAGE", "this is a team repository: its key is wrapped for each member", "run `backpack team rotate`, which wraps the new key for every member too");
  }
  const writeFile = options.writeFile ?? ((path: string, text: string) => writeFileAtomic(path, text));

  // The current repo key must be at hand (it is kept as the backup).
  const current = repo.keyFingerprint ? await ctx.resolver.defaultKey() : undefined;
  const newKey = options.newKey ?? newRepoKey(randomBytes(32));
  const plan = await planRotation(ctx, repo.root, newKey, options.onProgress);
  if (current) plan.oldKeys = new Map([[current.fingerprint, current], ...plan.oldKeys]);

  const stores = ctx.sources.filter((s) => s.writable);
  const target = await writableStore(await availableStores(stores));
  const undo: Array<() => Promise<void> | void> = [];
  try {
    await target.set(repoKeyAccount(newKey.fingerprint), exportRepoKey(newKey.key));
    undo.push(() => target.delete(repoKeyAccount(newKey.fingerprint)).then(() => undefined));
    // Old keys stay stored (history is encrypted with them); one that was only in the environment is saved now.
    for (const old of plan.oldKeys.values()) {
      if (!(await heldBy(stores, old.fingerprint))) {
        await target.set(repoKeyAccount(old.fingerprint), exportRepoKey(old.key));
        undo.push(() => target.delete(repoKeyAccount(old.fingerprint)).then(() => undefined));
        log.info(`kept the old key ${old.fingerprint} in the ${target.name} store`);
      }
    }

    // Each step below is atomic (rename, one index write, one config write): its undo is pushed once it happened.
    for (const [i, write] of plan.writes.entries()) {
      options.onProgress?.(i, plan.writes.length, write.rel);
      writeFile(write.path, write.after);
      undo.push(() => writeFile(write.path, write.before));
      if (!readsBackAs(readAgentFileText(write.path), write.doc, { form: "stored", repoKey: newKey }, write.rel)) {
        throw new BackpackError("IO", `${write.rel} did not read back as written`, "check the disk; nothing was changed");
      }
    }

    for (const extra of options.alsoWrite ?? []) {
      const before = readTextIfExists(extra.path);
      mkdirSync(dirname(extra.path), { recursive: true });
      writeFile(extra.path, extra.text);
      undo.push(() => (before === undefined ? rmSync(extra.path, { force: true }) : writeFile(extra.path, before)));
    }

    if (plan.index.length) {
      const updates = plan.index.map((e) => ({ mode: e.mode, oid: writeBlob(repo.root, e.after), path: e.path }));
      updateIndexEntries(repo.root, updates);
      undo.push(() => updateIndexEntries(repo.root, plan.index.map((e) => ({ mode: e.mode, oid: e.oldOid, path: e.path }))));
    }

    setLocalConfig(repo, "backpack.key", newKey.fingerprint);
    undo.push(() => setLocalConfig(repo, "backpack.key", repo.keyFingerprint));
    // The new key is random: a passphrase no longer derives the repository's key.
    const oldKdf = repo.kdf;
    if (oldKdf) {
      setLocalConfig(repo, "backpack.kdf", undefined);
      undo.push(() => setLocalConfig(repo, "backpack.kdf", formatKdf(oldKdf)));
    }
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (undoError) {
        log.error("could not undo a rotation step", { error: undoError instanceof Error ? undoError.name : "error" });
      }
    }
    if (isBackpackError(error)) {
      throw new BackpackError(error.code, `key rotation failed, and was undone: ${error.message}`, error.hint, { cause: error });
    }
    throw new BackpackError("IO", "key rotation failed, and was undone", "run again with --debug for details", { cause: error });
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
