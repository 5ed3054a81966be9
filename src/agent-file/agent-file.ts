/**
 * Loading and saving an agent.lock on disk, in any form. Every command reads
 * either form (and format 1.0); what is written depends on where: the working
 * form inside a repository wired by `backpack setup` (the clean filter encrypts
 * it on commit), the stored form everywhere else, so a file outside git stays
 * encrypted at rest.
 */
import { BackpackError } from "../errors/errors.js";
import {
  decryptStoredForm,
  encryptWorkingForm,
  parseAgentLock,
  serializeStoredForm,
  serializeWorkingForm,
} from "../core/agent-lock.js";
import type { RepoKey } from "../core/key-material.js";
import { canonicalJson } from "../core/canonical.js";
import type { JsonValue, StoredForm, WorkingForm } from "../core/schema.js";
import { decryptV1ToWorkingForm } from "../core/v1.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readAgentFileText } from "./read-text.js";

export { agentLockSymlinkPolicy, readAgentFileText } from "./read-text.js";
import type { KeyResolver } from "../keys/resolver.js";
import { prepareWriteAudit } from "./write-audit.js";

export type FileForm = "working" | "stored" | "v1";

export interface LoadedAgentFile {
  path: string;
  /** The form the file was in on disk. */
  form: FileForm;
  /** The decrypted document. */
  doc: WorkingForm;
  /** The key that opened it (stored form only). */
  repoKey?: RepoKey;
  /** The stored form as read (stored form only). */
  stored?: StoredForm;
}

/** Loads and decrypts an agent.lock in any form. */
export async function loadAgentFile(path: string, resolver: KeyResolver): Promise<LoadedAgentFile> {
  return openAgentText(readAgentFileText(path), path, resolver);
}

/**
 * Decrypts an agent.lock's text in any form (a file's, or a blob git handed
 * over); `path` names it in messages.
 */
export async function openAgentText(text: string, path: string, resolver: KeyResolver): Promise<LoadedAgentFile> {
  const parsed = parseAgentLock(text, path);
  switch (parsed.form) {
    case "working":
      return { path, form: "working", doc: parsed.doc };
    case "stored": {
      const repoKey = await resolver.keyFor(parsed.stored, path);
      return { path, form: "stored", doc: decryptStoredForm(parsed.stored, repoKey, path), repoKey, stored: parsed.stored };
    }
    case "v1":
      return { path, form: "v1", doc: decryptV1ToWorkingForm(parsed.v1, resolver.v1Passphrase(), path) };
  }
}

export interface SaveOptions {
  /** "working" only inside a wired repository. */
  form: "working" | "stored";
  /** Required for the stored form. */
  repoKey?: RepoKey;
  /** The document as it was before this write (for the audit log's list of changed layers). */
  previous?: WorkingForm;
}

/**
 * What writing an agent.lock needs to know about where it runs. The command
 * context of the git boundary (git/context.ts) is one; this folder knows
 * nothing of git beyond these fields.
 */
export interface FileContext {
  /** True inside a repository wired by `backpack setup`. */
  wired: boolean;
  resolver: KeyResolver;
  /** The repository the file is in, if any: its top folder and git's common dir. */
  repo?: { root: string; commonDir: string; keyFingerprint?: string | undefined } | undefined;
}

/**
 * How a command writes an agent.lock here: the working form in a wired
 * repository, else the stored form with the default key (created if needed).
 */
export async function saveOptionsFor(ctx: FileContext, loaded?: { repoKey?: RepoKey }): Promise<SaveOptions> {
  if (ctx.wired) return { form: "working" };
  // A file that was opened with a key stays under that key.
  return { form: "stored", repoKey: loaded?.repoKey ?? (await ctx.resolver.defaultKey({ create: true })) };
}

/** The text a document is written as, in the given form. */
export function renderAgentFile(doc: WorkingForm, options: SaveOptions): string {
  if (options.form === "working") return serializeWorkingForm(doc);
  if (!options.repoKey) throw new BackpackError("INTERNAL", "saving the stored form needs a key");
  return serializeStoredForm(encryptWorkingForm(doc, options.repoKey));
}

/** True when `text` reads back (decrypted with the options' key, for the stored form) as exactly `doc`. */
export function readsBackAs(text: string, doc: WorkingForm, options: SaveOptions, name = "agent.lock"): boolean {
  const parsed = parseAgentLock(text, name);
  let back: WorkingForm;
  if (parsed.form === "working" && options.form === "working") back = parsed.doc;
  else if (parsed.form === "stored" && options.form === "stored" && options.repoKey) back = decryptStoredForm(parsed.stored, options.repoKey, name);
  else return false;
  return canonicalJson(back as unknown as JsonValue) === canonicalJson(doc as unknown as JsonValue);
}

/**
 * The text a document is written as, verified in memory to read back as the
 * same document before anything is written (INTERNAL if it does not: a bug).
 */
export function renderVerified(doc: WorkingForm, options: SaveOptions, name = "agent.lock"): string {
  const text = renderAgentFile(doc, options);
  if (!readsBackAs(text, doc, options, name)) {
    throw new BackpackError("INTERNAL", `the new text of ${name} did not verify`, "nothing was changed; report this with --debug output");
  }
  return text;
}

/** Writes a document atomically in the given form. */
export function saveAgentFile(path: string, doc: WorkingForm, options: SaveOptions): void {
  const text = renderAgentFile(doc, options);
  const recordWrite = prepareWriteAudit(path, () => readAgentFileText(path), options);
  writeFileAtomic(path, text); // IO naming the file on failure; the old file stays as it was
  recordWrite?.(doc);
}
