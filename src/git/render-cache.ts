/**
 * What the filter process tells the textconv script (bin/textconv.sh): for a
 * working form it hands git for a diff, what textconv must print for it.
 *
 * git runs textconv once per file version and smudges each blob through the
 * filter process just before (one process for the whole `git log -p`). So the
 * filter, which has decrypted the version anyway, records its rendering, and
 * the script prints it without starting Node. Entries live in
 * `<git-common-dir>/backpack/textconv/` (private: mode 0700, inside the git
 * directory, never in the object store), named by a digest of the
 * working-form text git hands textconv, with the hash the script computes
 * here (`entryHash`): BLAKE2b-512 where `b2sum` is on the PATH, else SHA-256:
 *
 *   <digest>.same   renders as itself: nothing to redact or escape (an empty file)
 *   <digest>.txt    the rendering: embedded credential values redacted
 *   <blob>.ref      "<hash> <digest> <bytes>": the digest of the text the
 *                   stored blob <blob> (git's object id) smudged to, so a
 *                   later `git log -p` renews that version's entry without
 *                   hashing its text again (1 to 2 ms a 1 MB version)
 *   <sha256>.w      for a large stored form (64 KiB or more), named by the
 *                   SHA-256 of its bytes: the line "<hash> <digest> <bytes>"
 *                   (the entry of the text it smudges to, as in a .ref),
 *                   then that text, sealed with a key derived from the
 *                   file's keys (core/record-seal.ts). A later diff of the
 *                   same version hands git this text instead of decrypting,
 *                   inflating and re-serializing it again (about 10 ms a
 *                   1 MB version, most of a repeated `git log -p`). It opens
 *                   only with the file's keys at hand (a file whose key is
 *                   gone stays locked), and is used only while the text's
 *                   own entry is still there; one that does not open is
 *                   deleted, so the next diff records it anew.
 *
 * A `.ref` is only ever a shortcut to renewing an entry: an entry is written
 * under the digest of the text in hand, never under a `.ref`'s. A wrong or
 * stale `.ref` (the same blob smudging to another text, with another key
 * at hand) can only leave the script without an entry for the new text: it
 * hashes what git gives it and falls back to Node.
 *
 * A `.txt` holds the decrypted personality and memory of that version, as the
 * working tree does (a `.w` holds them too, sealed). Entries older than an hour are pruned by the next filter
 * process that records one (they serve only the git command that made them),
 * and `backpack lock` and `setup --uninstall` delete the folder.
 *
 * Recording never fails a smudge: an entry that cannot be written is simply
 * missing, and the script falls back to Node.
 */
import { createHash, randomBytes } from "node:crypto";
import { constants, accessSync, closeSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { RepoKey } from "../core/key-material.js";
import { openRecord, sealRecord } from "../core/record-seal.js";
import { RECALLED_STORED_BYTES } from "../core/types.js";
import { readFileBounded } from "../io/bounded-read.js";

/** Entries this old (ms) are pruned: each serves the git command that wrote it. */
const MAX_AGE_MS = 60 * 60 * 1000;

/** The folder of recorded renderings in a repository's common git dir. */
export function renderCacheDir(commonDir: string): string {
  return join(commonDir, "backpack", "textconv");
}

/** Deletes the recorded renderings; true when there were any. */
export function removeRenderCache(commonDir: string): boolean {
  const dir = renderCacheDir(commonDir);
  let existed = false;
  try {
    existed = readdirSync(dir).length > 0;
  } catch {
    return false;
  }
  rmSync(dir, { recursive: true, force: true });
  return existed;
}

/**
 * The hash that names an entry: the one bin/textconv.sh computes, which it
 * takes in this order: `b2sum` (BLAKE2b-512: 128 hex digits), else
 * `sha256sum` or `openssl` (SHA-256: 64). On a 1 MB version b2sum takes about
 * half of sha256sum's CPU time (coreutils' SHA-256 does not use the CPU's SHA
 * instructions; 1.7 against 3.2 ms), and the script runs once per version
 * `git log -p` shows. Both are collision resistant: an entry is found only
 * for the exact text it was made for, so a hit can never print another
 * version's rendering (or a text that needed redacting as itself).
 */
export type EntryHash = "blake2b512" | "sha256";

/**
 * The hash the textconv script will use under this PATH: git starts the
 * filter process and the script with the same environment. Were they ever to
 * differ, the script finds no entry (another name length) and starts Node.
 */
export function entryHash(env: NodeJS.ProcessEnv = process.env): EntryHash {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const path = join(dir || ".", "b2sum");
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return "blake2b512";
    } catch {
      // Not here: the next folder.
    }
  }
  return "sha256";
}

/** The name of the entry for `content`: its digest in hex, as `b2sum` or `sha256sum` prints it. */
export function entryName(content: Buffer, hash: EntryHash = "sha256"): string {
  return createHash(hash).update(content).digest("hex");
}

/**
 * The digest a `.ref` gives for a text of `bytes` bytes hashed with `hash`;
 * undefined when there is none, or it is for another hash or length.
 */
function knownDigest(ref: string, hash: EntryHash, bytes: number): string | undefined {
  let line: string;
  try {
    // Bounded and regular files only: a FIFO planted under the name would hang the filter (git waits on it).
    line = readFileBounded(ref, { limit: 4096, symlinks: "refuse" }).toString("latin1");
  } catch {
    return undefined;
  }
  return readEntryLine(line, hash, bytes);
}

/** Records renderings into one repository's folder; made once per filter process. */
export interface RenderRecorder {
  /**
   * Records what `text` renders as: `render` gives the rendering, undefined
   * when the text renders as itself. It is called only when no entry for
   * this text exists yet (`git log -p` hands out most versions twice, as the
   * new side of one diff and the old side of the next). `blob`: the id of
   * the stored blob `text` was smudged from, when git named it; `stored`:
   * that stored form's bytes and the key that opened it, so a large one's
   * text is recorded for `recallWorkingForm`.
   */
  record(text: Buffer, render: () => string | Buffer | undefined, blob?: string, stored?: StoredSource): void;
  /**
   * The text a large stored form smudged to in an earlier diff (its `.w`),
   * opened with the key the stored form names, when that text's entry is
   * still recorded; undefined otherwise.
   */
  recallWorkingForm(stored: StoredSource): Buffer | undefined;
}

/** A stored form's bytes and the key at hand that opens it. */
export interface StoredSource {
  bytes: Buffer;
  key: RepoKey;
}

/**
 * The `.w` records of a folder stop growing at this many bytes: a long history of a large file would
 * otherwise put a copy of every version on the disk within the hour. Past it, versions are decrypted.
 */
export const MAX_RECALL_BYTES = 256 * 1024 * 1024;

/** The name of a stored form's `.w`: the SHA-256 of its bytes (the CPU's SHA instructions: ~0.5 ms a MB). */
function recallName(stored: Buffer): string {
  return `${createHash("sha256").update(stored).digest("hex")}.w`;
}

/** What a `.w`'s seal binds: its name and its first line, so a record moved or relabelled does not open. */
function recallBinding(name: string, line: string): Buffer {
  return Buffer.from(`backpack/record/v1\n${name}\n${line}`, "latin1");
}

/** "<hash> <digest> <bytes>": a text's entry, as a `.ref` and the first line of a `.w` give it. */
function readEntryLine(line: string, hash: EntryHash, bytes: number): string | undefined {
  const [lineHash, digest, size] = line.split(" ");
  if (lineHash !== hash || size !== String(bytes) || digest === undefined || !/^[0-9a-f]{64}(?:[0-9a-f]{64})?$/.test(digest)) return undefined;
  return digest;
}

/** The names a recorder writes: entries, `.ref`s, `.w`s and its temporary files (writePrivate). */
const OWN_NAME = /^(?:[0-9a-f]{40,128}\.(?:same|txt|ref|w)|\.\d+\.\d+\.tmp)$/;

/** git's object ids: SHA-1 (40 hex digits) or SHA-256 (64). Anything else names no `.ref`. */
const BLOB_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * A recorder for the folder under `commonDir`, naming entries by `hash` (the
 * textconv script's, by default); it prunes old entries on its first record.
 */
export function createRenderRecorder(
  commonDir: string,
  now: () => number = Date.now,
  hash: EntryHash = entryHash(),
  maxRecallBytes: number = MAX_RECALL_BYTES,
): RenderRecorder {
  const dir = renderCacheDir(commonDir);
  let ready = false;
  let broken = false;
  let sequence = 0;
  /** The bytes of the `.w` records in the folder: those found on the first use, and those this process wrote. */
  let recallBytes = 0;
  const prepare = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The folder where it belongs, not a link to another (planted by whoever can write to .git, or made by
    // mistake): records would land there, and pruning would delete that folder's old files. Then none are kept.
    if (realpathSync(dir) !== join(realpathSync(commonDir), "backpack", "textconv")) throw new Error("the textconv folder is a link");
    const cutoff = now() - MAX_AGE_MS;
    for (const name of readdirSync(dir)) {
      // Only what a recorder writes is pruned: nothing else put in the folder is deleted.
      if (!OWN_NAME.test(name)) continue;
      const path = join(dir, name);
      try {
        const stat = statSync(path);
        if (stat.mtimeMs < cutoff) unlinkSync(path);
        else if (name.endsWith(".w")) recallBytes += stat.size;
      } catch {
        // Gone already (another process pruned it).
      }
    }
  };
  /** Renews the age of the entry named `oid`; false when there is none. */
  const renew = (oid: string): boolean => {
    const at = new Date(now());
    for (const name of [`${oid}.same`, `${oid}.txt`]) {
      try {
        utimesSync(join(dir, name), at, at);
        return true;
      } catch {
        // Not there: look for the other.
      }
    }
    return false;
  };
  /**
   * Writes a file complete before it has its name: the script never prints half a rendering.
   * A write that fails (a full disk) leaves no part of it: the space it took goes back to git.
   */
  const writePrivate = (path: string, data: string | Buffer) => {
    const temporary = join(dir, `.${process.pid}.${sequence++}.tmp`);
    try {
      writeFileSync(temporary, data, { mode: 0o600 });
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  };
  /** Prunes old entries once per process, before the first read or write: an entry past its hour is never used. */
  const ensureReady = () => {
    if (ready) return;
    prepare();
    ready = true;
  };
  /** Records (once) the entry of `text`, named `oid`. */
  const recordEntry = (text: Buffer, oid: string, render: () => string | Buffer | undefined) => {
    // An entry for this exact text is already there (from this command or one within the hour):
    // the same text renders the same, so only its age is renewed. Writing it again costs a 1 MB
    // version its rendering, its sanitizing and a rename over the old file (which ext4 flushes).
    if (renew(oid)) return;
    const rendering = render();
    if (rendering === undefined) {
      // Empty, so creating it is enough; an existing one gets a fresh mtime from the truncating open.
      closeSync(openSync(join(dir, `${oid}.same`), "w", 0o600));
      return;
    }
    writePrivate(join(dir, `${oid}.txt`), rendering);
  };
  /** Records a large stored form's text under the stored form's digest (renewed when already there). */
  const recordWorkingForm = (stored: StoredSource, text: Buffer, oid: string) => {
    const name = recallName(stored.bytes);
    const path = join(dir, name);
    const at = new Date(now());
    try {
      utimesSync(path, at, at);
      return;
    } catch {
      // Not recorded yet.
    }
    const line = `${hash} ${oid} ${text.length}`;
    if (recallBytes + text.length > maxRecallBytes) return;
    recallBytes += text.length;
    writePrivate(path, Buffer.concat([Buffer.from(`${line}\n`, "latin1"), sealRecord(stored.key, randomBytes(12), text, recallBinding(name, line))]));
  };
  return {
    record(text, render, blob, stored) {
      if (broken) return;
      try {
        ensureReady();
        const ref = blob !== undefined && BLOB_ID.test(blob) ? join(dir, `${blob}.ref`) : undefined;
        // This blob's text was hashed before (by an earlier command within the hour): its entry, if
        // still there, is renewed without hashing the text again.
        const known = ref === undefined ? undefined : knownDigest(ref, hash, text.length);
        let oid: string;
        if (known !== undefined && renew(known)) oid = known;
        else {
          oid = entryName(text, hash);
          if (ref !== undefined && oid !== known) writePrivate(ref, `${hash} ${oid} ${text.length}`);
          recordEntry(text, oid, render);
        }
        if (stored !== undefined && stored.bytes.length >= RECALLED_STORED_BYTES) recordWorkingForm(stored, text, oid);
      } catch {
        // A full disk or a read-only git dir: textconv falls back to Node; say nothing (a diff must not fail).
        broken = true;
      }
    },
    recallWorkingForm(stored) {
      if (broken || stored.bytes.length < RECALLED_STORED_BYTES) return undefined;
      try {
        ensureReady();
        const name = recallName(stored.bytes);
        const path = join(dir, name);
        let data: Buffer;
        try {
          data = readFileBounded(path, { limit: MAX_RECALL_BYTES, symlinks: "refuse" });
        } catch {
          return undefined;
        }
        const end = data.indexOf(10);
        const line = end < 0 ? "" : data.subarray(0, end).toString("latin1");
        const [, , bytes] = line.split(" ");
        const oid = readEntryLine(line, hash, Number(bytes));
        const text = oid === undefined ? undefined : openRecord(stored.key, data.subarray(end + 1), recallBinding(name, line));
        if (text === undefined || String(text.length) !== bytes) {
          // Made under other keys (a layer's key lost), for other readers or another hash, or cut short:
          // deleted, so the text decrypted next is recorded in its place (a record is renewed, never rewritten).
          rmSync(path, { force: true });
          recallBytes = Math.max(0, recallBytes - data.length);
          return undefined;
        }
        // The text's own entry must still be there, or textconv would start Node for it: then decrypt and record anew.
        if (!renew(oid as string)) return undefined;
        const at = new Date(now());
        utimesSync(path, at, at);
        return text;
      } catch {
        // A git dir that cannot be written: decrypt, as before.
        broken = true;
        return undefined;
      }
    },
  };
}
