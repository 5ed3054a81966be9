/**
 * What the filter process tells the textconv script (bin/textconv.sh): for a
 * working form it hands git for a diff, what textconv must print for it.
 *
 * git runs textconv once per file version and smudges each blob through the
 * filter process just before (one process for the whole `git log -p`). So the
 * filter, which has decrypted the version anyway, records its rendering, and
 * the script prints it without starting Node. Entries live in
 * `<git-common-dir>/backpack/textconv/` (private: mode 0700, inside the git
 * directory, never in the object store), named by the SHA-256 of the
 * working-form text git hands textconv:
 *
 *   <sha256>.same   renders as itself: nothing to redact (an empty file)
 *   <sha256>.txt    the rendering: embedded credential values redacted
 *
 * A `.txt` holds the decrypted personality and memory of that version, as the
 * working tree does. Entries older than an hour are pruned by the next filter
 * process that records one (they serve only the git command that made them),
 * and `backpack lock` and `setup --uninstall` delete the folder.
 *
 * Recording never fails a smudge: an entry that cannot be written is simply
 * missing, and the script falls back to Node.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
 * The name of the entry for `content`: its SHA-256, which the script gets from
 * `sha256sum` (about a third of the time `git hash-object` takes, and the same
 * in a repository of either object format).
 */
export function entryName(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Records renderings into one repository's folder; made once per filter process. */
export interface RenderRecorder {
  /**
   * Records what `text` renders as: `render` gives the rendering, undefined
   * when the text renders as itself. It is called only when no entry for
   * this text exists yet (`git log -p` hands out most versions twice, as the
   * new side of one diff and the old side of the next).
   */
  record(text: Buffer, render: () => string | undefined): void;
}

/** A recorder for the folder under `commonDir`; it prunes old entries on its first record. */
export function createRenderRecorder(commonDir: string, now: () => number = Date.now): RenderRecorder {
  const dir = renderCacheDir(commonDir);
  let ready = false;
  let broken = false;
  let sequence = 0;
  const prepare = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const cutoff = now() - MAX_AGE_MS;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      try {
        if (statSync(path).mtimeMs < cutoff) unlinkSync(path);
      } catch {
        // Gone already (another process pruned it).
      }
    }
  };
  return {
    record(text, render) {
      if (broken) return;
      try {
        if (!ready) {
          prepare();
          ready = true;
        }
        const oid = entryName(text);
        // An entry for this exact text is already there (from this command or one within the hour):
        // the same text renders the same, so only its age is renewed. Writing it again costs a 1 MB
        // version its rendering, its sanitizing and a rename over the old file (which ext4 flushes).
        for (const name of [`${oid}.same`, `${oid}.txt`]) {
          try {
            const at = new Date(now());
            utimesSync(join(dir, name), at, at);
            return;
          } catch {
            // Not there: look for the other, then write.
          }
        }
        const rendering = render();
        if (rendering === undefined) {
          // Empty, so creating it is enough; an existing one gets a fresh mtime from the truncating open.
          closeSync(openSync(join(dir, `${oid}.same`), "w", 0o600));
          return;
        }
        // Complete before it has its name: the script never prints half a rendering.
        const temporary = join(dir, `.${process.pid}.${sequence++}.tmp`);
        writeFileSync(temporary, rendering, { mode: 0o600 });
        renameSync(temporary, join(dir, `${oid}.txt`));
      } catch {
        // A full disk or a read-only git dir: textconv falls back to Node; say nothing (a diff must not fail).
        broken = true;
      }
    },
  };
}
