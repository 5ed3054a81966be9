/**
 * Scanning every commit of every ref: `git log --all --raw` lists the blobs
 * each commit adds or changes (a merge against its first parent), oldest
 * first; `git cat-file --batch-check` sizes them all in one process; the
 * blobs worth reading go through `git cat-file --batch` in chunks. Each blob
 * is scanned once, whatever the number of commits that carry it, and each
 * secret is reported once per file, with the commit that introduced it.
 *
 * Log output with `--format=%x01%H --raw -z`: a commit is `\x01<hash>` then
 * NUL, and each changed path is `:<modes> <oids> <status>` NUL `<path>` NUL
 * (the first after a commit preceded by a newline).
 */
import { BackpackError } from "../errors/errors.js";
import { catFileBatch, objectSizes } from "../git/cat-file.js";
import { git } from "../git/exec.js";
import { type ScanReport, decodeText, newReport, scanBlob } from "./blob.js";
import { type ScanContext, requireRepo } from "./context.js";
import type { Finding } from "./scanner.js";

/** One blob a commit introduced at a path. */
export interface HistoryEntry {
  commit: string;
  path: string;
  oid: string;
}

/** Bytes read per `git cat-file --batch` process, so a large history does not sit in memory at once. */
const CHUNK_BYTES = 64 * 1024 * 1024;

/** Parses `git log --format=%x01%H --raw -z` output into the blobs each commit introduced. */
export function parseLogRaw(out: string): HistoryEntry[] {
  const tokens = out.split("\0");
  const entries: HistoryEntry[] = [];
  let commit = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? "").replace(/^\n/, "");
    if (token.startsWith("\x01")) {
      commit = token.slice(1).trim();
    } else if (token.startsWith(":")) {
      const fields = token.slice(1).split(" ");
      const newMode = fields[1] ?? "";
      const oid = fields[3] ?? "";
      const path = tokens[++i] ?? "";
      if (newMode !== "160000" && newMode !== "120000" && !/^0+$/.test(oid)) entries.push({ commit, path, oid });
    }
  }
  return entries;
}

/**
 * Scans every blob every commit introduced, reading about `chunkBytes` per
 * `git cat-file --batch`; `onProgress` hears (files done, files to read, path).
 * `revs` limits the commits (`["origin/main..HEAD"]`); default: every ref.
 * A caller passing user input checks it first (checkRange).
 */
export function scanHistory(
  ctx: ScanContext,
  chunkBytes = CHUNK_BYTES,
  onProgress?: (done: number, total: number, path?: string) => void,
  revs: readonly string[] = ["--all"],
): ScanReport {
  const root = requireRepo(ctx, "scanning history");
  const report = newReport();
  const log = git(["log", ...revs, "--reverse", "--no-renames", "--raw", "-z", "--no-abbrev", "--no-color", "--no-ext-diff", "--diff-merges=first-parent", "--diff-filter=ACMT", "--format=%x01%H", "--"], {
    cwd: root,
    env: ctx.env,
    allowFail: true,
  });
  if (log.status !== 0) {
    // A repository without commits has no history to scan; any other failure (a broken ref, a
    // missing object) is an error: a scanner never reports clean for what it did not read.
    const refs = git(["for-each-ref", "--count=1", "--format=%(refname)"], { cwd: root, env: ctx.env, allowFail: true });
    const head = git(["rev-parse", "-q", "--verify", "HEAD"], { cwd: root, env: ctx.env, allowFail: true });
    if (refs.status === 0 && refs.stdout.toString("utf8").trim() === "" && head.status !== 0) return report;
    const why = log.stderr.split("\n").find((l) => l.trim())?.replace(/^fatal:\s*/, "") ?? "git log failed";
    throw new BackpackError("GIT", `cannot read the history: ${why}`, "repair or delete the broken ref (`git fsck` names it), then scan again");
  }
  const entries = parseLogRaw(log.stdout.toString("utf8"));
  // The attributes in force now decide which paths are agent.lock files.
  const covered = coveredByFilter(root, ctx.env, [...new Set(entries.map((e) => e.path))]);
  const blobCtx = { ...ctx, covered: new Set([...ctx.covered, ...covered]) };

  const firstSeen = new Map<string, HistoryEntry>();
  for (const e of entries) if (!firstSeen.has(`${e.oid}\0${e.path}`)) firstSeen.set(`${e.oid}\0${e.path}`, e);
  const oids = [...new Set(entries.map((e) => e.oid))];
  const sizes = objectSizes(oids, { cwd: root, env: ctx.env });
  const reported = new Set<string>();
  const found: Finding[] = [];
  let done = 0;

  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    const texts = new Map<string, string | undefined>();
    for (const blob of catFileBatch(chunk, { cwd: root, env: ctx.env, maxBytes: ctx.maxBytes })) texts.set(blob.oid, blob.content ? decodeText(blob.content) : undefined);
    for (const oid of chunk) {
      const text = texts.get(oid);
      if (text === undefined) report.skippedBinary++;
      else report.scanned++;
    }
    const inChunk = new Set(chunk);
    for (const e of firstSeen.values()) {
      if (!inChunk.has(e.oid)) continue;
      onProgress?.(done++, firstSeen.size, e.path);
      const text = texts.get(e.oid);
      if (text === undefined) continue;
      const stats = { unexamined: 0 };
      for (const f of scanBlob(blobCtx, { path: e.path, text, commit: e.commit }, stats)) {
        const key = `${f.file}\0${f.rule}\0${f.fingerprint}`;
        if (!reported.has(key)) {
          reported.add(key);
          found.push(f);
        }
      }
      if (stats.unexamined > 0) (report.truncated ??= []).push({ file: `${e.commit.slice(0, 12)} ${e.path}`, unexamined: stats.unexamined });
    }
    chunk = [];
    bytes = 0;
  };
  for (const oid of oids) {
    const size = sizes.get(oid) ?? 0;
    if (size > ctx.maxBytes) {
      report.skippedLarge++;
      continue;
    }
    chunk.push(oid);
    bytes += size;
    if (bytes >= chunkBytes) flush();
  }
  if (chunk.length) flush();

  // Oldest commit first, as the log listed them.
  const order = new Map<string, number>();
  entries.forEach((e, i) => order.has(e.commit) || order.set(e.commit, i));
  report.findings = found.sort((a, b) => (order.get(a.commit ?? "") ?? 0) - (order.get(b.commit ?? "") ?? 0) || a.file.localeCompare(b.file) || a.line - b.line);
  return report;
}

/** Which of these paths the backpack filter covers, from one `git check-attr --stdin -z filter`. */
function coveredByFilter(root: string, env: NodeJS.ProcessEnv, paths: string[]): string[] {
  if (paths.length === 0) return [];
  // Output with -z: <path> NUL <attribute> NUL <value> NUL, for each path.
  const out = git(["check-attr", "--stdin", "-z", "filter"], { cwd: root, env, input: `${paths.join("\0")}\0` }).stdout.toString("utf8").split("\0");
  const covered: string[] = [];
  for (let i = 0; i + 2 < out.length; i += 3) if (out[i + 2] === "backpack") covered.push(out[i] as string);
  return covered;
}
