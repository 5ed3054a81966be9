/**
 * Every sentence the scanner shows a user, in one place: each finding with
 * where it is, its rule, a masked preview and the fix; how to allow a false
 * positive; a summary line last. And the JSON form for tools. Pure: returns
 * lines, the caller prints them. Nothing here ever sees a secret, only
 * findings (which hold none).
 */
import type { ScanReport } from "./blob.js";
import { AGENT_LOCK_DOWNGRADE, AGENT_LOCK_PLAINTEXT, DOTENV_VALUE, KNOWN_SECRET } from "./rules.js";
import { FINDING_LIMIT, type Finding } from "./scanner.js";

/** How code in a file of this kind reads a value from the environment. */
function placeholderFor(file: string, name: string): string {
  const ext = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
  const base = file.slice(file.lastIndexOf("/") + 1);
  if (["py", "pyw", "ipynb"].includes(ext)) return `os.environ["${name}"]`;
  if (["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "vue", "svelte"].includes(ext)) return `process.env.${name}`;
  if (ext === "go") return `os.Getenv("${name}")`;
  if (["rb", "erb", "rake"].includes(ext)) return `ENV["${name}"]`;
  if (["java", "kt", "kts", "scala", "groovy"].includes(ext)) return `System.getenv("${name}")`;
  if (ext === "cs") return `Environment.GetEnvironmentVariable("${name}")`;
  if (ext === "php") return `getenv('${name}')`;
  if (ext === "rs") return `std::env::var("${name}")`;
  if (base === "agent.lock") return `{"source": "vault"}`;
  return `\${${name}}`;
}

/** The fix for one finding, in one line. */
export function fixFor(f: Finding): string {
  if (f.fix) return f.fix;
  if (f.rule === AGENT_LOCK_PLAINTEXT.id) {
    return `let git's filter encrypt it: \`backpack setup\` (a clone not wired yet), and for a name .gitattributes does not map to the filter the line \`/${f.file} filter=backpack diff=backpack merge=backpack\`; then \`git add ${f.file}\` again`;
  }
  if (f.rule === AGENT_LOCK_DOWNGRADE.id) {
    return `upgrade it before committing: \`backpack migrate ${f.file}\` then \`git add ${f.file}\` (a file checked out from an old commit or a revert of the upgrade); to commit the older format on purpose, \`git commit --no-verify\` for this one commit (see docs/git.md)`;
  }
  if (f.rule === DOTENV_VALUE.id) return `keep it out of git: \`git rm --cached ${f.file}\`, add it to .gitignore, and commit a .env.example with placeholders`;
  return `\`backpack key add ${f.name}\`, then use ${placeholderFor(f.file, f.name)} instead of the value`;
}

/** Where a finding is: `[commit ]file:line:column`. */
function where(f: Finding): string {
  return `${f.commit ? `${f.commit.slice(0, 12)} ` : ""}${f.file}:${f.line}:${f.column}`;
}

/** The lines describing each finding (two per finding). */
export function findingLines(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [`  ${where(f)}  ${f.rule}  ${f.preview}  [${f.fingerprint}]`, `      fix: ${fixFor(f)}`]);
}

/** The advice for false positives, shown once after the findings. */
export const ALLOW_ADVICE =
  "Not a secret? Put `backpack:allow` (or `backpack:allow RULE`) in a comment on the line, or add the [fingerprint] to scan.allow_fingerprints in backpack.toml (see docs/scan.md).";

/** The advice when every finding is a guard's (a plaintext agent.lock, your own value): no inline marker silences those. */
export const GUARD_ADVICE =
  "A plaintext agent.lock or a value from your own vault is never allowed by a `backpack:allow` marker or an untrusted repository's backpack.toml: only by your own config (`backpack config set --user scan.allow_fingerprints ...`) or a repository you trust (`backpack trust`; see docs/scan.md).";

const GUARD_RULES = new Set([AGENT_LOCK_PLAINTEXT.id, AGENT_LOCK_DOWNGRADE.id, KNOWN_SECRET.id]);

/** The advice that fits these findings. */
function adviceFor(findings: readonly Finding[]): string {
  return findings.every((f) => GUARD_RULES.has(f.rule)) ? GUARD_ADVICE : ALLOW_ADVICE;
}

function countFiles(findings: readonly Finding[]): number {
  return new Set(findings.map((f) => f.file)).size;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function skippedNote(report: ScanReport): string {
  const parts = [report.skippedBinary ? `${plural(report.skippedBinary, "binary file")}` : "", report.skippedLarge ? `${plural(report.skippedLarge, "file")} too large to scan` : ""].filter(Boolean);
  return parts.length ? `; skipped ${parts.join(" and ")}` : "";
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * One line per file whose matches went past the per-rule limit: what was left unexamined and
 * what to do. Such a file has findings (the scan judges it in full when it has none), so it
 * blocks a commit whatever the rest hold.
 */
export function truncatedLines(report: ScanReport): string[] {
  return (report.truncated ?? []).map(
    (t) => `  ${t.file}: over ${count(FINDING_LIMIT)} candidates of one rule; ${plural(t.unexamined, "more match", "more matches").replace(/^\d+/, count(t.unexamined))} not examined. A file like this is a dump of keys or data: keep it out of git, or list its path in scan.allow_paths if it holds none`,
  );
}

function unexaminedNote(report: ScanReport): string {
  const truncated = report.truncated ?? [];
  if (truncated.length === 0) return "";
  const total = truncated.reduce((n, t) => n + t.unexamined, 0);
  return `; ${plural(total, "match", "matches").replace(/^\d+/, count(total))} not examined in ${plural(truncated.length, "file")}`;
}

/** The pre-commit hook's report: findings, advice, then the summary line. Empty when the commit may go ahead. */
export function hookLines(report: ScanReport): string[] {
  const { findings } = report;
  if (findings.length === 0) return [];
  return [
    "backpack: the staged changes hold secrets:",
    ...findingLines(findings),
    ...truncatedLines(report),
    adviceFor(findings),
    `backpack: commit blocked: ${plural(findings.length, "finding")} in ${plural(countFiles(findings), "file")}${unexaminedNote(report)}${skippedNote(report)} (\`git commit --no-verify\` skips this check)`,
  ];
}

/** `backpack scan`'s report: findings, advice, then the summary line. */
export function scanLines(report: ScanReport, what: string): string[] {
  const { findings } = report;
  const summary = `backpack scan: ${findings.length ? `${plural(findings.length, "finding")} in ${plural(countFiles(findings), "file")}${unexaminedNote(report)}` : "no secrets found"} (${plural(report.scanned, "file")} scanned in ${what}${skippedNote(report)})`;
  return findings.length ? [...findingLines(findings), ...truncatedLines(report), adviceFor(findings), summary] : [summary];
}

/** The JSON form: the findings and a summary. */
export function reportJson(report: ScanReport): string {
  const truncated = report.truncated ?? [];
  const unexamined = truncated.reduce((n, t) => n + t.unexamined, 0);
  const summary = { findings: report.findings.length, files: countFiles(report.findings), scanned: report.scanned, skippedBinary: report.skippedBinary, skippedLarge: report.skippedLarge, unexamined };
  return `${JSON.stringify({ findings: report.findings.map((f) => ({ ...f, fix: fixFor(f) })), ...(truncated.length ? { truncated } : {}), summary }, null, 2)}\n`;
}
