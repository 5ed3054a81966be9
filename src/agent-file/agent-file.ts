/**
 * Loading and saving an agent.lock on disk, in any form. Every command reads
 * either form (and format 1.0); what is written depends on where: the working
 * form inside a repository wired by `backpack setup` (the clean filter encrypts
 * it on commit), the stored form everywhere else, so a file outside git stays
 * encrypted at rest.
 */
import { randomBytes } from "node:crypto";
import { relative, sep } from "node:path";
import { BackpackError } from "../errors/errors.js";
import {
  decryptStoredForm,
  encryptWorkingForm,
  parseAgentLock,
  serializeStoredForm,
  serializeWorkingForm,
} from "../core/agent-lock.js";
import { type RepoKey, newFileId } from "../core/key-material.js";
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
  /** In a wired repository: true when git's backpack filter applies to `path` (its .gitattributes say filter=backpack). */
  filterCovers?: (path: string) => boolean;
  /** In a wired repository: the .gitattributes line that sets another filter (or none) for `path`, as "FILE:LINE: TEXT", if one is found. */
  filterOverride?: (path: string) => string | undefined;
}

/**
 * How a command writes an agent.lock here: the working form in a wired
 * repository, else the stored form with the default key (created if needed).
 */
export async function saveOptionsFor(ctx: FileContext, loaded?: { repoKey?: RepoKey }, path?: string): Promise<SaveOptions> {
  if (ctx.wired) {
    // The working form is plaintext: written only where git's filter will encrypt it on commit.
    if (path !== undefined && ctx.filterCovers && !ctx.filterCovers(path)) throw notCoveredError(ctx, path);
    return { form: "working" };
  }
  // A file that was opened with a key stays under that key.
  return { form: "stored", repoKey: loaded?.repoKey ?? (await ctx.resolver.defaultKey({ create: true })) };
}

function notCoveredError(ctx: FileContext, path: string): BackpackError {
  const rel = ctx.repo ? relative(ctx.repo.root, path).split(sep).join("/") : path;
  const override = ctx.filterOverride?.(path);
  if (override) {
    return new BackpackError(
      "USAGE",
      `${rel} is not covered by git's backpack filter here, so it would be committed in plaintext: ${override} overrides it`,
      `remove that line, or change it to \`filter=backpack diff=backpack merge=backpack\` (and commit it), then run the command again; \`git check-attr -a -- ${rel}\` shows what applies`,
    );
  }
  return new BackpackError(
    "USAGE",
    `${rel} is not covered by git's backpack filter here, so it would be committed in plaintext`,
    `name it agent.lock, or add the line \`/${rel} filter=backpack diff=backpack merge=backpack\` to .gitattributes (and commit it), then run the command again`,
  );
}

/**
 * Gives a document without a file id a new one, in place: every file backpack
 * writes is format 3 (its layers bound to the file), and a format 2 file is
 * upgraded by its next write. A document that has an id keeps it.
 */
export function ensureFileId(doc: WorkingForm): WorkingForm {
  doc.id ??= newFileId(randomBytes(16));
  return doc;
}

/**
 * The text a document is written as, in the given form. Re-encrypting (rotate)
 * keeps a document's format: only saveAgentFile and migrate give a file id.
 */
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
  // A file id derived on encryption (a file without one, in a team with a key per layer) and who reads a
  // sealed layer (the team file's names, not part of the file) are not part of what must read back.
  const comparable = (d: WorkingForm) => {
    const out: Record<string, unknown> = { ...d, id: d.id ?? (doc.id === undefined ? undefined : d.id) };
    if (doc.id === undefined) delete out.id;
    if (d.sealed) out.sealed = Object.fromEntries(Object.entries(d.sealed).map(([layer, s]) => [layer, { token: s.token, key: s.key }]));
    return out as unknown as JsonValue;
  };
  return canonicalJson(comparable(back)) === canonicalJson(comparable(doc));
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

/** Writes a document atomically in the given form, as format 3 (ensureFileId: a new or format 2 file gets an id). */
export function saveAgentFile(path: string, doc: WorkingForm, options: SaveOptions): void {
  const text = renderAgentFile(ensureFileId(doc), options);
  const recordWrite = prepareWriteAudit(path, () => readAgentFileText(path), options);
  writeFileAtomic(path, text); // IO naming the file on failure; the old file stays as it was
  recordWrite?.(doc);
}
