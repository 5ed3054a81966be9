/**
 * `backpack migrate`: rewrites a format "1.0" agent.lock (the Python tool's), or
 * a format 2 one (no file id, no integrity line), as format 3, in the form this place calls for (the working form in a wired
 * repository, the stored form elsewhere). The new text is verified in memory,
 * the original kept as a backup, the file replaced atomically, and the file on
 * disk verified again by reading it back.
 *
 * Inside a repository the backup goes to the git dir
 * (`<common dir>/backpack/backups/`), never next to the file: a format 1.0 file
 * is often encrypted with the public default passphrase, and a stray
 * `agent.lock.v1.bak` in the working tree is one `git add .` from a commit.
 */
import { parseAgentLock } from "../core/agent-lock.js";
import { decryptV1ToWorkingForm } from "../core/v1.js";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { log } from "../output/log.js";
import type { RepoKey } from "../core/key-material.js";
import type { WorkingForm } from "../core/schema.js";
import { type FileContext, ensureFileId, openAgentText, readAgentFileText, readsBackAs, renderVerified, saveOptionsFor } from "./agent-file.js";
import { backupOutsideWorkTree } from "./backup.js";


export interface MigrateResult {
  path: string;
  /** The format the file was in: "1.0" (the Python tool's) or "2" (stored or working form without a file id). */
  from: "1.0" | "2";
  backup: string;
  form: "working" | "stored";
  /** The key fingerprint of the stored form. */
  key?: string;
  /** The key was derived from the passphrase in AGENT_MASTER_KEY (its salt is in the header). */
  fromPassphrase: boolean;
  /** Credentials kept embedded (names only). */
  embedded: string[];
  /** Placeholder credentials, now read from the vault (names only). */
  fromVault: string[];
  /** True when the file carried metadata, now its `agent` section. */
  metadata: boolean;
}

/** Migrates one format 1.0 or format 2 file to format 3; refuses a file that is already format 3. */
export async function migrateFile(ctx: FileContext, path: string, name = path): Promise<MigrateResult> {
  const original = readAgentFileText(path);
  const parsed = parseAgentLock(original, name);
  const current = (parsed.form === "stored" && parsed.stored.version === 3) || (parsed.form === "working" && parsed.doc.id !== undefined);
  if (current) {
    const what = parsed.form === "stored" ? `stored form, key ${parsed.stored.key}` : "working form with a file id";
    throw new BackpackError("USAGE", `${name} is already format 3 (${what}): nothing to migrate`, `\`backpack show ${name}\` reads it as it is`);
  }
  const from: MigrateResult["from"] = parsed.form === "v1" ? "1.0" : "2";
  let doc: WorkingForm;
  let loadedKey: { repoKey?: RepoKey } | undefined;
  if (parsed.form === "v1") {
    doc = decryptV1ToWorkingForm(parsed.v1, ctx.resolver.v1Passphrase(), name);
  } else {
    // Format 2: the same document, given a file id, so it is written as format 3 (layers bound to the file).
    const loaded = await openAgentText(original, name, ctx.resolver);
    doc = loaded.doc;
    if (loaded.repoKey) loadedKey = { repoKey: loaded.repoKey };
  }
  ensureFileId(doc);
  const options = await saveOptionsFor(ctx, loadedKey, path);
  const text = renderVerified(doc, options, name);

  const backup = backupOutsideWorkTree(ctx.repo, path, from === "1.0" ? ".v1.bak" : ".v2.bak");
  try {
    writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackpackError("IO", `cannot write ${name} (${code ?? "error"}); it was not changed`, `check the folder is writable; a copy is at ${backup}`, { cause: error });
  }
  if (!readsBackAs(readAgentFileText(path), doc, options, name)) {
    writeFileAtomic(path, original);
    throw new BackpackError("IO", `${name} did not read back as written; the format 1.0 file was put back`, "check the disk, then migrate again");
  }
  log.info("migrated a format 1.0 file", { file: name, form: options.form });

  const credentials = Object.entries(doc.credentials);
  const result: MigrateResult = {
    path,
    from,
    backup,
    form: options.form,
    fromPassphrase: Boolean(options.repoKey?.kdf),
    embedded: credentials.filter(([, c]) => c.source === "embedded").map(([n]) => n),
    fromVault: credentials.filter(([, c]) => c.source === "vault").map(([n]) => n),
    metadata: doc.agent !== undefined,
  };
  if (options.repoKey) result.key = options.repoKey.fingerprint;
  return result;
}
