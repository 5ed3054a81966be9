/**
 * What git's filters do to one agent.lock (DESIGN.md, "Git integration"):
 *
 * - clean (git add, git status): working form in, stored form out, encrypted
 *   with the repository's key. A stored form (or a format 1.0 file, also
 *   ciphertext) passes through unchanged. Invalid JSON, conflict markers, or
 *   no key: the file fails, named, and never does plaintext come out. While a
 *   key rotation is unfinished (its journal is there), a working form fails
 *   too, with the hint to finish it (`backpack doctor --fix`).
 * - smudge (checkout): stored form in, working form out. No key, a key that
 *   does not match, or a damaged file: the input passes through unchanged
 *   (the file stays locked) with a warning, and the checkout goes on. Smudge
 *   never encrypts, so an unfinished rotation does not stop it: both keys
 *   are in a store, and it opens a file under either.
 *
 * clean(smudge(blob)) == blob holds because encryption is deterministic and
 * each layer is canonicalised before it is encrypted.
 *
 * Neither loads zod for the files they are made for (see core/stored-form.ts
 * and core/working-form.ts); clean loads the full parser for anything else,
 * to say what is wrong with it.
 */
import type { RepoKey } from "../core/key-material.js";
import { serializeWorkingForm } from "../core/layers.js";
import type { StoredForm, WorkingForm } from "../core/schema.js";
import { WRITTEN_HEAD_BYTES, decryptConflictText, isConflictForm, readEncryptedForm, readStoredForm, storedToWorkingDoc, writtenHeadKey } from "../core/stored-form.js";
import { LARGE_LAYER_BYTES, RECALLED_STORED_BYTES } from "../core/types.js";
import { readWorkingForm } from "../core/working-form.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import type { KeyHeader, KeyResolver } from "../keys/resolver.js";
import type { StoredSource } from "./render-cache.js";

export interface FilterSessionOptions {
  /** Finds keys by a stored file's header (no repository needed). */
  resolver: KeyResolver;
  /** The key clean encrypts with: the repository's. Called once, on the first clean. */
  cleanKey: () => Promise<RepoKey>;
  /**
   * Asked before each encryption (one stat): an error when clean must not
   * encrypt now, e.g. a key rotation was interrupted and its journal is there
   * (git/rotate-journal.ts). Encrypting with either key then would add to the
   * mix the journal has to finish, from inside a git command that holds the
   * index lock the finishing needs; so clean refuses and says how to finish.
   */
  refuseClean?: () => BackpackError | undefined;
  /** How to unlock, naming the master key variable in use. */
  unlockHint: string;
  /** Prints a warning (never a secret). */
  warn: (message: string, hint?: string) => void;
  /**
   * Called with each decrypted working form smudged for a diff (not for a
   * checkout), its text and the stored blob's id when git sent it: the filter
   * process records what textconv renders for it (render-cache.ts).
   */
  onDiffSmudge?: (doc: WorkingForm, text: Buffer, blob: string | undefined, stored: StoredSource) => void;
  /**
   * Asked for a smudge for a diff once the file's key is at hand: the text
   * an earlier diff smudged these exact stored bytes to, if it was recorded
   * (render-cache.ts); then nothing is decrypted.
   */
  recallDiffSmudge?: (stored: StoredSource) => Buffer | undefined;
  /**
   * What git's index holds for a path (index-blobs.ts), asked by clean for a
   * large file only: a large layer that did not change keeps the token stored
   * there, so a touched file cleans to the same bytes on every machine.
   */
  indexBlob?: (pathname: string) => Promise<Buffer | undefined>;
}

/** A filter session: one per process, so keys are looked up once and warnings said once. */
export interface FilterSession {
  clean(pathname: string, content: Buffer): Promise<Buffer>;
  /** `headers`: what git sent with the request; without a `treeish` it is no checkout (a diff, `git show`). */
  smudge(pathname: string, content: Buffer, headers?: ReadonlyMap<string, string>): Promise<Buffer>;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** Texts up to this long go to Buffer.from, which writes those under 4 KiB of UTF-8 into Node's shared pool. */
const POOLED_TEXT = 4096;

/**
 * `text` in UTF-8, as Buffer.from(text, "utf8") gives it, in about a third
 * of its time on a 1 MB working form (0.4 against 1.2 ms): TextEncoder
 * writes a one-byte string without a second pass. Both write a lone
 * surrogate as U+FFFD (JSON.stringify leaves none). A small text (a
 * checkout's 2 KB files) goes to Buffer.from, which writes into the pool
 * where TextEncoder makes a backing store per call: 2.5 against 3.4 ms per
 * 1,000 texts of 2 KB in a fresh process.
 */
function utf8Bytes(text: string): Buffer {
  if (text.length <= POOLED_TEXT) return Buffer.from(text, "utf8");
  const bytes = encoder.encode(text);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
/** At most this much smudged text is kept per process for diffs asking for the same blob again. */
const MAX_MEMO_BYTES = 64 * 1024 * 1024;

function decodeText(pathname: string, content: Buffer): string {
  try {
    return utf8.decode(content);
  } catch {
    throw new BackpackError("INVALID_FILE", `${pathname} is not UTF-8 text, so it is not an agent.lock`, `check the file, or restore it with \`git checkout -- ${pathname}\``);
  }
}

/** Makes the clean and smudge filters for one process. */
export function createFilterSession(options: FilterSessionOptions): FilterSession {
  const keysByHeader = new Map<string, Promise<RepoKey | undefined>>();
  let cleanKey: Promise<RepoKey> | undefined;
  // Loaded on the first clean, not up front: smudge never needs fflate (its tables cost every start about 10 ms).
  let encrypting: Promise<typeof import("../core/encrypt.js")> | undefined;
  let warnedLocked = false;
  // Diff smudges by blob id: `git log -p` asks for most versions twice (the new side of one
  // commit's diff, the old side of the next), and a 1 MB version costs milliseconds to decrypt.
  const diffSmudges = new Map<string, Buffer>();
  let diffSmudgeBytes = 0;

  const keyForHeader = (header: KeyHeader): Promise<RepoKey | undefined> => {
    const id = `${header.key}/${header.kdf ? JSON.stringify(header.kdf) : ""}/${header.keys ? JSON.stringify(header.keys) : ""}`;
    let found = keysByHeader.get(id);
    if (!found) {
      found = options.resolver.tryKeyFor(header);
      keysByHeader.set(id, found);
    }
    return found;
  };

  return {
    async clean(pathname, content) {
      // A large file: ask git what it holds for it now, so git's cat-file reads it while this process
      // parses the file (the answer is used, or left unread, below; answers come in order).
      const staged = content.length >= LARGE_LAYER_BYTES && options.indexBlob ? options.indexBlob(pathname) : undefined;
      const text = decodeText(pathname, content);
      let doc = readWorkingForm(text);
      if (!doc) {
        // Already ciphertext: the stored form passes through unchanged.
        if (readStoredForm(text)) return content;
        // Anything else: the full parser says what it is (format 1.0 also passes through, until
        // `backpack migrate`) or what is wrong with it, naming the file.
        const { parseAgentLock } = await import("../core/agent-lock.js");
        const parsed = parseAgentLock(text, pathname);
        if (parsed.form !== "working") return content;
        doc = parsed.doc;
      }
      const refusal = options.refuseClean?.();
      if (refusal) throw new BackpackError(refusal.code, `cannot encrypt ${pathname}: ${refusal.message}`, refusal.hint);
      // The key cannot change within one process: one lookup (or one failure) serves every file.
      cleanKey ??= options.cleanKey();
      let key: RepoKey;
      try {
        key = await cleanKey;
      } catch (error) {
        if (!isBackpackError(error)) throw error;
        throw new BackpackError(error.code, `cannot encrypt ${pathname}: ${error.message}`, error.hint);
      }
      const { encryptWorkingForm, serializeStoredForm } = await (encrypting ??= import("../core/encrypt.js"));
      // A large layer needs a large file: only then is git asked what it holds (a process, once per filter process).
      const held = await staged;
      const previous: StoredForm["layers"] | undefined = held ? readStoredForm(held.toString("utf8"))?.layers : undefined;
      return Buffer.from(serializeStoredForm(encryptWorkingForm(doc, key, previous)), "utf8");
    },

    async smudge(pathname, content, headers) {
      // git names the blob of every diff smudge (a checkout has a treeish): the same blob smudges the same.
      const blob = headers && !headers.has("treeish") ? headers.get("blob") : undefined;
      const memoKey = blob === undefined ? undefined : `${blob}/${content.length}`;
      const memo = memoKey === undefined ? undefined : diffSmudges.get(memoKey);
      if (memo) return memo;
      // A large version an earlier diff recorded: recalled with the key its first bytes name, before the
      // whole stored form is read (0.5 ms a MB). Any other file is read whole, then decrypted (a small one
      // was never recorded: no key lookup for it here).
      const head = blob === undefined || content.length < RECALLED_STORED_BYTES ? undefined : writtenHeadKey(content.subarray(0, WRITTEN_HEAD_BYTES).toString("latin1"));
      const recalled = head === undefined ? undefined : await recall(head, content);
      const text = recalled ?? (await smudgeOnce(pathname, content, headers, head === undefined));
      if (memoKey !== undefined && text !== content && diffSmudgeBytes + text.length <= MAX_MEMO_BYTES) {
        diffSmudges.set(memoKey, text);
        diffSmudgeBytes += text.length;
      }
      return text;
    },
  };

  /** The text recorded for `content` by an earlier diff, opened with the key `fingerprint` names when it is at hand. */
  async function recall(fingerprint: string, content: Buffer): Promise<Buffer | undefined> {
    if (!options.recallDiffSmudge) return undefined;
    try {
      const key = await keyForHeader({ key: fingerprint });
      return key ? options.recallDiffSmudge({ bytes: content, key }) : undefined;
    } catch {
      // A damaged key store: smudgeOnce says so.
      return undefined;
    }
  }

  async function smudgeOnce(pathname: string, content: Buffer, headers: ReadonlyMap<string, string> | undefined, mayRecall = true): Promise<Buffer> {
    // The stored form, or the conflict form a conflicted merge left (it smudges into conflict markers).
    const stored = readEncryptedForm(content.toString("utf8"));
    if (!stored) return content;
    let key: RepoKey | undefined;
    try {
      key = await keyForHeader(stored);
    } catch (error) {
      // A damaged key store: named in the warning, the file stays locked, the checkout goes on.
      if (!isBackpackError(error)) throw error;
      options.warn(`${pathname} stays locked: ${error.message}`, error.hint);
      return content;
    }
    if (!key) {
      if (!warnedLocked) {
        warnedLocked = true;
        options.warn(
          `${pathname} stays locked (encrypted): no key at hand for key ${stored.key}`,
          options.unlockHint,
        );
      }
      return content;
    }
    try {
      if (isConflictForm(stored)) return Buffer.from(decryptConflictText(stored, key, pathname), "utf8");
      // git sends a treeish with every checkout of a commit; a smudge without one mostly feeds a diff or
      // `git show`, and textconv follows (also `git checkout -- path`: the same text serves it).
      const forDiff = headers !== undefined && !headers.has("treeish");
      const recalled = forDiff && mayRecall ? options.recallDiffSmudge?.({ bytes: content, key }) : undefined;
      if (recalled) return recalled;
      const doc = storedToWorkingDoc(stored, key, pathname);
      const text = utf8Bytes(serializeWorkingForm(doc));
      if (forDiff) options.onDiffSmudge?.(doc, text, headers.get("blob"), { bytes: content, key });
      return text;
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      options.warn(`${pathname} stays locked: ${error.message}`, error.hint);
      return content;
    }
  }
}
