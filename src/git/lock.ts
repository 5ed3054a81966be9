/**
 * `backpack unlock` / `backpack lock`: decrypt or re-encrypt, in place, the
 * working copies of every tracked agent.lock, touching nothing else. Both end
 * by refreshing the index: a rewritten file has new stat data, and git's
 * clean filter maps it back to the very blob in the index (encryption is
 * deterministic), so `git status` stays clean.
 */
import { join } from "node:path";
import type { RepoKey } from "../core/key-material.js";
import { hasConflictMarkers } from "../core/conflict-markers.js";
import type { StoredForm } from "../core/schema.js";
import { readStoredForm, workingTreeText } from "../core/stored-form.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { READ_LIMITS, readTextBounded } from "../io/bounded-read.js";
import { isCiEnvironment } from "../io/ci-environment.js";
import { type KeySettings, loadKeySettings } from "../config/effective.js";
import { repoKeyAccount } from "../keys/key-source.js";
import { defaultKeySources, unlockHint, storeRepoKey, writableStore } from "../keys/sources.js";
import { type TrackedFile, type WorkingCopyState, readWorkingCopy, restatFiles, trackedAgentLocks } from "./agent-locks.js";
import { catFileBatch } from "./cat-file.js";
import { git } from "./exec.js";
import { removeRenderCache } from "./render-cache.js";
import { type RepoInfo } from "./repo.js";
import { repoKeyResolver, repositoryKey } from "./repo-key.js";

/** Reports work as (done, total, path) to whoever draws progress. */
type ProgressCallback = (done: number, total: number, detail?: string) => void;

/** Where a user's `cachetextconv` leaves plaintext renderings of agent.lock. */
export const TEXTCONV_NOTES_REF = "refs/notes/textconv/backpack";

export interface LockReport {
  /** Files rewritten. */
  changed: string[];
  /** Files already in the wanted form. */
  unchanged: string[];
  /** Files left as they were, and why. */
  skipped: { path: string; reason: string }[];
  /** Files left locked because no key for them is at hand (unlock only). */
  noKey: { path: string; key: string }[];
  /** How to unlock them, naming the master key variable in use (set with noKey). */
  unlockHint?: string;
  /** Files locked with their unresolved conflict markers, as the conflict form (lock only; also in `changed`). */
  conflicted?: string[];
  /** Set when --key-file or the master key variable brought a key that was then saved in a key store. */
  imported?: { fingerprint: string; store: string }[];
  /**
   * Set when files were unlocked with a key only the master key variable
   * holds, not saved (CI, or --no-store-key): git's filters need the
   * variable wherever git runs here. Names the variable and why.
   */
  envOnly?: { fingerprints: string[]; variable: string; why: "ci" | "no-store-key" };
  /** True when the textconv notes ref (plaintext) was deleted. */
  notesRemoved?: boolean;
  /** True when textconv renderings the filter process recorded (render-cache.ts) were deleted. */
  renderingsRemoved?: boolean;
}

/** Writes each new text atomically, then restats the files so git sees them as unmodified. */
function writeAll(repo: RepoInfo, writes: { file: TrackedFile; text: string }[], report: LockReport): void {
  for (const { file, text } of writes) {
    writeFileAtomic(join(repo.root, file.path), text);
    report.changed.push(file.path);
  }
  if (writes.length > 0) restatFiles(repo.root, writes.map((w) => w.file));
}

/** Each tracked agent.lock checked out in the work tree, with its working copy read; reports progress. */
async function* workingCopies(repo: RepoInfo, onProgress?: ProgressCallback): AsyncGenerator<{ file: TrackedFile; copy: WorkingCopyState & { text?: string } }> {
  const tracked = trackedAgentLocks(repo.root);
  for (const [i, file] of tracked.entries()) {
    onProgress?.(i, tracked.length, file.path);
    if (file.inWorktree) yield { file, copy: await readWorkingCopy(repo.root, file.path) };
  }
}

function emptyReport(): LockReport {
  return { changed: [], unchanged: [], skipped: [], noKey: [] };
}

/** Deletes refs/notes/textconv/backpack if present; true when it was there. */
export function removeTextconvNotes(root: string): boolean {
  const present = git(["show-ref", "--verify", "--quiet", TEXTCONV_NOTES_REF], { cwd: root, allowFail: true }).status === 0;
  if (present) git(["update-ref", "-d", TEXTCONV_NOTES_REF], { cwd: root });
  return present;
}

function readKeyFile(path: string): string {
  let text: string;
  try {
    text = readTextBounded(path, { limit: READ_LIMITS.config, label: `the key file ${path}` });
  } catch (error) {
    if (!isBackpackError(error) || (error.code !== "NOT_FOUND" && error.code !== "IO")) throw error;
    throw new BackpackError(error.code, `cannot read the key file ${path} (${error.code === "NOT_FOUND" ? "ENOENT" : "error"})`, "name a file holding an exported key (BACKPACK-KEY-1:...) or the passphrase");
  }
  // A trailing newline is the editor's, not the passphrase's.
  const key = text.replace(/\r?\n$/, "");
  if (!key) throw new BackpackError("USAGE", `the key file ${path} is empty`, "it should hold an exported key (BACKPACK-KEY-1:...) or the passphrase");
  return key;
}

/** The fingerprints among `keys` that some key store (not the environment) holds. */
async function keysInStores(keys: RepoKey[], env: NodeJS.ProcessEnv, settings: KeySettings): Promise<Set<string>> {
  const stores = defaultKeySources(env, settings).filter((s) => s.name !== "environment");
  const known = new Set<string>();
  for (const key of keys) {
    for (const source of stores) {
      if ((await source.available()) === true && (await source.get(repoKeyAccount(key.fingerprint))) !== undefined) known.add(key.fingerprint);
    }
  }
  return known;
}

/** Saves keys found through --key-file (or only in the master key variable) in the first writable store, so the filters find them later. */
async function importKeys(keys: RepoKey[], env: NodeJS.ProcessEnv, settings: KeySettings): Promise<{ fingerprint: string; store: string }[]> {
  const stores = defaultKeySources(env, settings).filter((s) => s.name !== "environment");
  const imported: { fingerprint: string; store: string }[] = [];
  for (const key of keys) {
    const account = repoKeyAccount(key.fingerprint);
    let known = false;
    for (const source of stores) {
      if ((await source.available()) === true && (await source.get(account)) !== undefined) known = true;
    }
    if (known) continue;
    const store = await writableStore(stores);
    await storeRepoKey(store, key);
    imported.push({ fingerprint: key.fingerprint, store: store.name });
  }
  return imported;
}

/**
 * Decrypts the locked working copies for which a key is at hand. With
 * `keyFile`, the key it holds is tried first and saved in a key store (the
 * clean filter, a separate process, needs it on the next `git add`). A key
 * that only the master key variable holds is saved the same way: once the
 * variable is gone, git status and checkout run the filters, which would
 * find no key for the unlocked files. Not on CI (the variable is there on
 * every run) nor with `storeKey: false`; the report says so (envOnly).
 */
export async function unlockWorkingCopies(
  repo: RepoInfo,
  env: NodeJS.ProcessEnv,
  options: { keyFile?: string; onProgress?: ProgressCallback; storeKey?: boolean } = {},
): Promise<LockReport> {
  const report = emptyReport();
  const settings = await loadKeySettings(repo.root, env);
  // A key file acts as the master key variable would: an exported key, or a passphrase.
  const lookupEnv = options.keyFile ? { ...env, [settings.masterKeyEnv]: readKeyFile(options.keyFile) } : env;
  const resolver = await repoKeyResolver(repo, env, { settings, lookupEnv });
  const used = new Map<string, RepoKey>();
  const writes: { file: TrackedFile; text: string }[] = [];
  for await (const { file, copy } of workingCopies(repo, options.onProgress)) {
    if (copy.state === "unlocked") {
      report.unchanged.push(file.path);
      continue;
    }
    if (copy.state !== "locked") {
      if (copy.state !== "missing") report.skipped.push({ path: file.path, reason: copy.state === "invalid" ? copy.reason : "format 1.0: run `backpack migrate`" });
      continue;
    }
    const key = await resolver.tryKeyFor(copy.stored);
    if (!key) {
      report.noKey.push({ path: file.path, key: copy.stored.key });
      continue;
    }
    try {
      writes.push({ file, text: workingTreeText(copy.stored, key, file.path) });
      used.set(key.fingerprint, key);
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      report.skipped.push({ path: file.path, reason: error.message });
    }
  }
  if (report.noKey.length > 0) report.unlockHint = unlockHint(settings.masterKeyEnv);
  if (options.keyFile && used.size > 0) report.imported = await importKeys([...used.values()], env, settings);
  else if (env[settings.masterKeyEnv] && used.size > 0) {
    const stored = await keysInStores([...used.values()], env, settings);
    const fromEnv = [...used.values()].filter((k) => !stored.has(k.fingerprint));
    const wanted = options.storeKey ?? !isCiEnvironment(env);
    if (fromEnv.length > 0 && wanted) report.imported = await importKeys(fromEnv, env, settings);
    else if (fromEnv.length > 0) report.envOnly = { fingerprints: fromEnv.map((k) => k.fingerprint), variable: settings.masterKeyEnv, why: options.storeKey === false ? "no-store-key" : "ci" };
  }
  writeAll(repo, writes, report);
  return report;
}

/**
 * Re-encrypts the unlocked working copies with the repository's key. A file
 * with unresolved conflict markers is encrypted as it is, into the conflict
 * form the merge driver writes (deterministic, so the same bytes git stored
 * for it); `unlock` gives the markers back. All or nothing: if any file
 * cannot be encrypted (invalid), no file is changed.
 */
export async function lockWorkingCopies(repo: RepoInfo, env: NodeJS.ProcessEnv, options: { onProgress?: ProgressCallback } = {}): Promise<LockReport> {
  const report = emptyReport();
  const { LARGE_LAYER_BYTES, encryptWorkingForm, serializeStoredForm, encryptConflictText, serializeConflictForm } = await import("../core/encrypt.js");
  let key: RepoKey | undefined;
  const writes: { file: TrackedFile; text: string }[] = [];
  for await (const { file, copy } of workingCopies(repo, options.onProgress)) {
    if (copy.state === "locked" || copy.state === "format-1.0") {
      report.unchanged.push(file.path);
      continue;
    }
    if (copy.state === "missing") continue;
    if (copy.text !== undefined && hasConflictMarkers(copy.text)) {
      key ??= await repositoryKey(repo, env);
      // Bound to the file id the merge driver used (the id line is never in conflict: the driver gives all sides one id).
      const id = /^ {2}"id": "([A-Za-z0-9_-]{22})",?$/m.exec(copy.text)?.[1];
      writes.push({ file, text: serializeConflictForm(encryptConflictText(copy.text, key, id)) });
      (report.conflicted ??= []).push(file.path);
      continue;
    }
    if (copy.state !== "unlocked") {
      // Invalid: the full parser fails with the file's own message (the file named), and nothing is written.
      (await import("../core/agent-lock.js")).parseAgentLock(copy.text ?? "", file.path);
      continue;
    }
    key ??= await repositoryKey(repo, env);
    // A large layer that did not change keeps the token git holds (as the clean filter does), so a file
    // committed by an older release (or brotli on another machine) is not shown as modified once locked.
    let previous: StoredForm["layers"] | undefined;
    if (file.stage === "0" && (copy.text === undefined || copy.text.length >= LARGE_LAYER_BYTES)) {
      const [staged] = catFileBatch([file.oid], { cwd: repo.root });
      if (staged?.content) previous = readStoredForm(staged.content.toString("utf8"))?.layers;
    }
    writes.push({ file, text: serializeStoredForm(encryptWorkingForm(copy.doc, key, previous)) });
  }
  writeAll(repo, writes, report);
  report.notesRemoved = removeTextconvNotes(repo.root);
  report.renderingsRemoved = removeRenderCache(repo.commonDir);
  return report;
}
