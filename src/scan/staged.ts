/**
 * The staged change, as the pre-commit hook sees it: which files the index
 * changes against HEAD (`git diff --cached --raw -z`, plumbing output with
 * full object names), then every new and old blob: the loose ones (every
 * freshly staged one) from the object folder, the rest in ONE `git cat-file
 * --batch`. For a modified file only the lines the change adds count.
 *
 * Raw format (https://git-scm.com/docs/git-diff#_raw_output_format), with -z:
 *
 *   :<old mode> SP <new mode> SP <old oid> SP <new oid> SP <status> NUL <path> NUL
 */
import { plainObjectFolder, readBlobs } from "../git/cat-file.js";
import { git } from "../git/exec.js";
import { type ScanReport, addedLines, decodeText, newReport, scanBlobInto } from "./blob.js";
import { type ScanContext, requireRepo } from "./context.js";
import { downgradeText, formatDowngrade } from "../core/lock-form.js";
import { type Finding, downgradeFinding } from "./scanner.js";
import { attributeSource } from "../git/attributes.js";
import { AGENT_LOCK_PLAINTEXT } from "./rules.js";

/** One changed path in the index. */
export interface StagedEntry {
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  status: string;
  path: string;
}

const NO_OBJECT = /^0+$/;
// Submodules (gitlinks) and symbolic links hold no file content to scan.
const NOT_A_FILE = new Set(["160000", "120000"]);

/** Parses `git diff --raw -z` output. */
export function parseRawDiff(out: string): StagedEntry[] {
  const tokens = out.split("\0");
  const entries: StagedEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i]?.replace(/^\n/, "");
    if (!meta?.startsWith(":")) continue;
    const [oldMode = "", newMode = "", oldOid = "", newOid = "", status = ""] = meta.slice(1).split(" ");
    const path = tokens[++i] ?? "";
    entries.push({ oldMode, newMode, oldOid, newOid, status, path });
  }
  return entries;
}

/** git's arguments for the staged change's list; the hook script (hooks/pre-commit) runs the same. */
export const STAGED_DIFF_ARGS = ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev", "--no-relative", "--no-color", "--no-ext-diff", "--diff-filter=ACMT"] as const;

/** The files the index changes against HEAD (added, copied, modified, type-changed), from git or from its output listed already. */
export function stagedEntries(root: string, env?: NodeJS.ProcessEnv, rawDiff?: string): StagedEntry[] {
  const out = rawDiff ?? git([...STAGED_DIFF_ARGS], { cwd: root, env }).stdout.toString("utf8");
  return parseRawDiff(out).filter((e) => !NOT_A_FILE.has(e.newMode) && !NO_OBJECT.test(e.newOid));
}

/** Scans the lines the staged change adds (`rawDiff`: its `git diff --cached --raw -z`, when the hook script listed it). */
export function scanStaged(ctx: ScanContext, rawDiff?: string): ScanReport {
  const root = requireRepo(ctx, "scanning the staged change");
  const report = newReport();
  const entries = stagedEntries(root, ctx.env, rawDiff);
  const hasOld = (e: StagedEntry) => !NO_OBJECT.test(e.oldOid) && !NOT_A_FILE.has(e.oldMode);
  const oids = [...new Set(entries.flatMap((e) => (hasOld(e) ? [e.newOid, e.oldOid] : [e.newOid])))];
  // Staged blobs are loose objects (git add writes them so): read from the object folder, cat-file for the rest.
  const objects = plainObjectFolder(root, ctx.env);
  const blobs = new Map(readBlobs(oids, { cwd: root, env: ctx.env, maxBytes: ctx.maxBytes, objects }).map((b) => [b.oid || b.name, b]));

  for (const entry of entries) {
    const blob = blobs.get(entry.newOid);
    if (!blob?.content) {
      if (blob && blob.size > ctx.maxBytes) report.skippedLarge++;
      continue;
    }
    const text = decodeText(blob.content);
    if (text === undefined) {
      report.skippedBinary++;
      continue;
    }
    const old = hasOld(entry) ? blobs.get(entry.oldOid)?.content : undefined;
    const oldText = old ? decodeText(old) : undefined;
    report.scanned++;
    // Against HEAD's version of the same path: format 3 going down to 2 or 1.0 loses the integrity line.
    const downgrade = oldText === undefined ? undefined : formatDowngrade(oldText, text);
    const blocked = downgrade && downgradeFinding(entry.path, downgradeText(downgrade.to), ctx.allow);
    if (blocked) report.findings.push(blocked);
    const lines = oldText === undefined ? undefined : addedLines(oldText, text);
    const before = report.findings.length;
    scanBlobInto(report, ctx, { path: entry.path, text, ...(lines ? { lines } : {}) });
    for (let i = before; i < report.findings.length; i++) report.findings[i] = withOverride(root, report.findings[i]!);
  }
  return report;
}

/**
 * A plaintext agent.lock whose filter a .gitattributes line sets to
 * something else (a subfolder's `-filter`): the fix is to change that line,
 * so the finding names it instead of suggesting one more line in the root file.
 */
function withOverride(root: string, finding: Finding): Finding {
  if (finding.rule !== AGENT_LOCK_PLAINTEXT.id) return finding;
  const source = attributeSource(root, finding.file, "filter");
  if (!source || source.value === "backpack") return finding;
  return {
    ...finding,
    fix: `${source.file}:${source.line} (\`${source.text}\`) sets filter ${source.value} for it and overrides the backpack filter: remove that line or change it to \`filter=backpack diff=backpack merge=backpack\`, then \`git add ${finding.file}\` again (\`git check-attr -a -- ${finding.file}\` shows what applies)`,
  };
}
