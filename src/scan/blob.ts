/**
 * From bytes to scannable text: binary content is skipped (git's own test: a
 * NUL byte in the first 8000 bytes), and for a modified file only the lines
 * the change adds count. Pure.
 */
import type { AllowList } from "./allow.js";
import type { KnownSecrets } from "./known-secrets.js";
import { type LockForm, lockFormOf } from "./lock-form.js";
import { type Finding, type ScanStats, type ScanTarget, agentLockFinding, scanText } from "./scanner.js";

/** Files larger than this are skipped and counted, not read into memory. */
export const MAX_SCAN_BYTES = 16 * 1024 * 1024;

/** The text of a blob, or undefined when it is binary. */
export function decodeText(content: Buffer): string | undefined {
  if (content.subarray(0, 8000).includes(0)) return undefined;
  return content.toString("utf8");
}

/**
 * The 1-based numbers of the lines of `after` that `before` did not have.
 * A line counts as added when its exact text appears nowhere in the old
 * version: a moved or duplicated line brings nothing new, so a secret that
 * was already committed does not block every later commit touching the file.
 */
export function addedLines(before: string, after: string): Set<number> {
  const old = new Set(before.split("\n"));
  const added = new Set<number>();
  after.split("\n").forEach((line, i) => {
    if (!old.has(line)) added.add(i + 1);
  });
  return added;
}

/** What a repository scan found, and what it passed over. */
export interface ScanReport {
  findings: Finding[];
  /** Files (blobs) read and scanned. */
  scanned: number;
  skippedBinary: number;
  /** Larger than the scan's size limit (MAX_SCAN_BYTES by default). */
  skippedLarge: number;
  /** Files whose findings reached the per-rule limit (FINDING_LIMIT), with the matches left unexamined. */
  truncated?: Array<{ file: string; unexamined: number }>;
}

/** Scans one blob into `report`: its findings, and a note when some of its matches went unexamined. */
export function scanBlobInto(report: ScanReport, ctx: BlobContext, target: ScanTarget): void {
  const stats: ScanStats = { unexamined: 0 };
  // One by one: spreading a file's findings into push() overflows the stack past about 100,000.
  for (const f of scanBlob(ctx, target, stats)) report.findings.push(f);
  if (stats.unexamined > 0) (report.truncated ??= []).push({ file: target.path, unexamined: stats.unexamined });
}

/** An empty report, to count into. */
export function newReport(): ScanReport {
  return { findings: [], scanned: 0, skippedBinary: 0, skippedLarge: 0, truncated: [] };
}

/** What the repository tells the scan about a file. */
export interface BlobContext {
  known: KnownSecrets;
  allow: AllowList;
  /** Paths the backpack filter covers. */
  covered: ReadonlySet<string>;
  /** Candidates judged per rule and file (default FINDING_LIMIT; Infinity for every one, as a baseline needs). */
  limit?: number;
}

const FORM_NAMES: Record<LockForm, string> = { working: "plaintext (working form)", other: "not an encrypted stored form", stored: "", v1: "" };

/**
 * Scans one committed or staged version of a file. An agent.lock the filter
 * covers must be in stored form (its ciphertext is not scanned further); any
 * file holding plaintext layers (lockFormOf, by content, whatever its name)
 * was missed by the filter; anything else goes through the rules.
 */
export function scanBlob(ctx: BlobContext, target: ScanTarget, stats?: ScanStats): Finding[] {
  const { path, text, commit } = target;
  // By content, whatever the name: any file holding plaintext layers is an agent.lock the filter missed.
  const form = lockFormOf(text);
  const covered = ctx.covered.has(path);
  if (form === "stored" || form === "v1") return [];
  if (covered || form === "working") {
    const finding = agentLockFinding(path, FORM_NAMES[form], ctx.allow, commit);
    return finding ? [finding] : [];
  }
  return scanText(target, { known: ctx.known, allow: ctx.allow, ...(ctx.limit !== undefined ? { limit: ctx.limit } : {}), ...(stats ? { stats } : {}) });
}
