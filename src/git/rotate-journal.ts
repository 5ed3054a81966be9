/**
 * The journal of a key rotation in progress: `<git common dir>/backpack/
 * rotate-journal.json`, written (atomically) once the new key is stored and
 * read back from its store, before the first file is re-encrypted, and
 * removed once the repository names the new key. A journal that is still
 * there means a rotation was cut short (kill -9, power cut): files may be
 * mixed between the old and the new key. The next command that opens the
 * repository (or `backpack doctor --fix`) finishes it (git/rotate.ts:
 * finishRotation); `backpack doctor` reports it.
 *
 * It holds no key material: keys are named by fingerprint, and both are in a
 * key store by the time it is written.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { syncDirectory, writeFileAtomic } from "../io/atomic-write.js";

/** What an unfinished rotation was doing. */
export interface RotateJournal {
  version: 1;
  /** The working tree the rotation ran in (linked worktrees share the journal). */
  root: string;
  /** The repository's key before (git config backpack.key), if it had one. */
  from: string | null;
  /** git config backpack.kdf before (a passphrase repository), as git config held it. */
  fromKdf: string | null;
  /** The new key's fingerprint. */
  to: string;
  /** Index entries outside a sparse checkout (skip-worktree): they keep that bit. */
  skipWorktree: string[];
  started: string;
}

/** Where the journal lives for a repository. */
export function rotateJournalPath(repo: { commonDir: string }): string {
  return join(repo.commonDir, "backpack", "rotate-journal.json");
}

/** True when a rotation was left unfinished (one stat, no parse). */
export function rotationPending(repo: { commonDir: string } | undefined): boolean {
  return repo !== undefined && existsSync(rotateJournalPath(repo));
}

function isJournal(json: unknown): json is RotateJournal {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const j = json as Record<string, unknown>;
  const fingerprint = (v: unknown) => typeof v === "string" && /^[0-9a-z:_-]{1,128}$/i.test(v);
  return (
    j.version === 1 &&
    typeof j.root === "string" &&
    (j.from === null || fingerprint(j.from)) &&
    (j.fromKdf === null || typeof j.fromKdf === "string") &&
    fingerprint(j.to) &&
    Array.isArray(j.skipWorktree) &&
    j.skipWorktree.every((p) => typeof p === "string") &&
    typeof j.started === "string"
  );
}

/** The journal, if a rotation is unfinished; a damaged one is an error naming it (never ignored). */
export function readRotateJournal(repo: { commonDir: string }): RotateJournal | undefined {
  const path = rotateJournalPath(repo);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new BackpackError("IO", `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check its permissions");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!isJournal(json)) {
    throw new BackpackError(
      "INVALID_FILE",
      `the key rotation journal ${path} is damaged`,
      "check each agent.lock opens (`backpack verify`, `backpack status`), then delete the journal; see docs/troubleshooting.md",
    );
  }
  return json;
}

/** Writes the journal (atomically, synced) before the first file changes. */
export function writeRotateJournal(repo: { commonDir: string }, journal: RotateJournal): void {
  const path = rotateJournalPath(repo);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
}

/** Removes the journal once the rotation is complete (or fully undone). */
export function removeRotateJournal(repo: { commonDir: string }): void {
  const path = rotateJournalPath(repo);
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  syncDirectory(dirname(path));
}
