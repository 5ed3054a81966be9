/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for GitHub
 * code scanning and other SARIF viewers: `backpack scan --format sarif` and
 * `backpack verify --format sarif`. Pure: findings (or a verify result) in,
 * a SARIF log out; the caller prints it.
 *
 * What goes in: the rules that can fire (id, name, descriptions, the fix as
 * help), and per finding its rule, where it is (the path relative to the
 * repository root, line and column in UTF-16 code units as the scanner
 * counts them), the masked preview and the fingerprint. A Finding holds no
 * secret, so nothing here can print one.
 */
import type { Log, ReportingDescriptor, Result, Run } from "sarif";
import type { VerifyProblem, VerifyProblemKind, VerifyResult } from "../git/verify.js";
import type { ScanReport } from "./blob.js";
import { fixFor, truncatedLines } from "./report.js";
import { AGENT_LOCK_DOWNGRADE, AGENT_LOCK_PLAINTEXT, DOTENV_VALUE, ruleById, ruleCatalog } from "./rules.js";
import type { Finding } from "./scanner.js";

/** The schema URI every SARIF 2.1.0 log names. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const TOOL_NAME = "backpack";
const INFORMATION_URI = "https://www.npmjs.com/package/backpack-agent";
/** Where result paths are relative to: the top of the repository (or the folder scanned). */
const SRCROOT = "%SRCROOT%";
/** The key of our partial fingerprint; the version changes only if its recipe does. */
const FINGERPRINT_KEY = "backpackFinding/v1";

/** `openai-api-key` -> `OpenaiApiKey`: SARIF's readable rule name. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join("");
}

/** A repository path as a relative URI reference (each segment percent-encoded). */
export function pathUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** The fix for a scan rule, in words that hold no finding's details. */
function scanRuleHelp(id: string): string {
  if (id === AGENT_LOCK_PLAINTEXT.id) return "Run `backpack setup` (its clean filter encrypts agent.lock on commit), then `git add` the file again.";
  if (id === AGENT_LOCK_DOWNGRADE.id) return "Upgrade the file (`backpack migrate FILE`), then `git add` it again; to commit the older format on purpose, `git commit --no-verify` for that one commit.";
  if (id === DOTENV_VALUE.id) return "Keep the file out of git: `git rm --cached FILE`, add it to .gitignore, and commit a .env.example with placeholders.";
  const env = ruleById(id)?.envName ?? "NAME";
  return `Move the value to your vault (\`backpack key add ${env}\`) and read it from the environment instead; rotate it, since it was in a file. Not a secret? Put \`backpack:allow\` on the line or add the fingerprint to scan.allow_fingerprints in backpack.toml.`;
}

function descriptor(id: string, description: string, help: string, securitySeverity: string): ReportingDescriptor {
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: "error" },
    // GitHub code scanning ranks alerts by security-severity (a number as a string, 0.0-10.0).
    properties: { tags: ["security", "secrets"], precision: "high", "security-severity": securitySeverity },
  };
}

function run(version: string, rules: ReportingDescriptor[], results: Result[], invocations?: Run["invocations"]): Run {
  return {
    tool: { driver: { name: TOOL_NAME, semanticVersion: version, version, informationUri: INFORMATION_URI, rules } },
    ...(invocations ? { invocations } : {}),
    columnKind: "utf16CodeUnits",
    results,
  };
}

/** The id of the notification for a file whose matches went past the per-rule limit. */
export const UNEXAMINED_NOTIFICATION = "scan-matches-unexamined";

/**
 * Files whose matches of one rule went past the limit, as tool notifications (warnings): a
 * viewer that shows only results would otherwise read "no findings" as "all of it examined".
 */
function unexaminedInvocations(report: ScanReport): Run["invocations"] {
  const lines = truncatedLines(report);
  if (lines.length === 0) return undefined;
  const toolExecutionNotifications = lines.map((line) => ({ level: "warning" as const, message: { text: line.trim() }, descriptor: { id: UNEXAMINED_NOTIFICATION } }));
  return [{ executionSuccessful: true, toolExecutionNotifications }];
}

function log(runs: Run[]): Log {
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs };
}

/** Where a finding (or problem) is: one physical location under %SRCROOT%. */
function location(file: string, line: number, column?: number): NonNullable<Result["locations"]> {
  return [{ physicalLocation: { artifactLocation: { uri: pathUri(file), uriBaseId: SRCROOT }, region: { startLine: line, ...(column ? { startColumn: column } : {}) } } }];
}

/**
 * The scan report as a SARIF log: every rule the scanner has, one result per finding, and a
 * warning notification per file whose matches were not all examined.
 */
export function scanSarif(report: ScanReport, version: string): Log {
  const catalog = ruleCatalog();
  const index = new Map(catalog.map((r, i) => [r.id, i]));
  const rules = catalog.map((r) => descriptor(r.id, r.description, scanRuleHelp(r.id), "9.0"));
  const results = report.findings.map((f: Finding): Result => {
    const where = f.commit ? ` (commit ${f.commit.slice(0, 12)})` : "";
    const result: Result = {
      ruleId: f.rule,
      level: "error",
      message: { text: `${catalog[index.get(f.rule) ?? -1]?.description ?? f.rule}: ${f.preview}${where}. Fix: ${fixFor(f)}` },
      locations: location(f.file, f.line, f.column),
      partialFingerprints: { [FINGERPRINT_KEY]: `${f.rule}:${f.file}:${f.fingerprint}` },
      properties: { preview: f.preview, fingerprint: f.fingerprint, ...(f.commit ? { commit: f.commit } : {}) },
    };
    const ruleIndex = index.get(f.rule);
    if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
    return result;
  });
  return log([run(version, rules, results, unexaminedInvocations(report))]);
}

/** The rules of `backpack verify`, one per kind of problem. */
const VERIFY_RULES: Record<VerifyProblemKind, { id: string; description: string; help: string }> = {
  plaintext: {
    id: "agent-lock-committed-plaintext",
    description: "A committed agent.lock in plaintext (the working form): the clean filter was not active",
    help: "Run `backpack setup`, then `git add --renormalize agent.lock` and commit. The old commit still holds the plaintext: rewrite history or rotate the secrets (`backpack key rotate`).",
  },
  damaged: {
    id: "agent-lock-damaged",
    description: "A committed agent.lock whose stored form is damaged or fails authentication",
    help: "Restore the file from a good commit (`git checkout <commit> -- agent.lock`) and commit it; `backpack verify --all` shows which commits hold a good copy.",
  },
  invalid: {
    id: "agent-lock-invalid",
    description: "A committed agent.lock that is not a valid agent.lock in any form",
    help: "Fix or restore the file, then commit it again; `backpack validate FILE` says what is wrong.",
  },
  rollback: {
    id: "agent-lock-layer-rollback",
    description: "A team layer (with a key per layer) went back to an earlier version of itself: a member who cannot read it can do this",
    help: "A reader of that layer checks it (`backpack show --layer LAYER`); if the change was not a deliberate revert, restore the layer from the commit before and commit it.",
  },
  downgrade: {
    id: "agent-lock-format-downgrade",
    description: "A commit took an agent.lock from format 3 down to format 2 or 1.0: the file id and the integrity line that binds its layers together are gone",
    help: "Upgrade the file (`backpack migrate FILE`) and commit it. If the older format was deliberate (a revert of the upgrade), `backpack verify --allow-downgrade` reports it without failing.",
  },
  missing: {
    id: "agent-lock-missing-blob",
    description: "A committed agent.lock whose blob is missing from the object store",
    help: "Fetch the missing objects (`git fetch`, or unshallow a shallow clone) and run verify again.",
  },
};
const VERIFY_KINDS = Object.keys(VERIFY_RULES) as VerifyProblemKind[];

/** The verify result as a SARIF log: one result per committed agent.lock with a problem. */
export function verifySarif(result: VerifyResult, version: string): Log {
  const rules = VERIFY_KINDS.map((k) => descriptor(VERIFY_RULES[k].id, VERIFY_RULES[k].description, VERIFY_RULES[k].help, k === "plaintext" ? "9.0" : "5.0"));
  const results = result.problems.map(
    (p: VerifyProblem): Result => ({
      ruleId: VERIFY_RULES[p.kind].id,
      ruleIndex: VERIFY_KINDS.indexOf(p.kind),
      level: "error",
      message: { text: `${p.path} in commit ${p.commit.slice(0, 12)}: ${p.problem}` },
      // The whole file is meant; line 1 holds its header.
      locations: location(p.path, 1),
      partialFingerprints: { [FINGERPRINT_KEY]: `${VERIFY_RULES[p.kind].id}:${p.path}:${p.oid}` },
      properties: { commit: p.commit, blob: p.oid },
    }),
  );
  return log([run(version, rules, results)]);
}

/** A SARIF log as the text written to a file or stdout. */
export function sarifText(value: Log): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
