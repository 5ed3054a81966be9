/**
 * `backpack git pre-commit`: what the pre-commit hook runs. Scans the lines
 * the staged change adds (staged blobs read in one `git cat-file --batch`) and
 * blocks the commit with exit code 7 (SECRETS_FOUND) when it finds a secret, a
 * plaintext agent.lock or a .env with real values. Prints where, which rule, a
 * masked preview and the fix; never the secret. `--json` prints the findings
 * as JSON on stdout instead.
 */
import { EXIT_CODES } from "../errors/errors.js";
import { openScanContext } from "./context.js";
import { hookLines, reportJson } from "./report.js";
import { scanStaged } from "./staged.js";
import { emit, note } from "../output/output.js";

/** Runs the check; returns the exit code (0: the commit may go ahead). */
export async function preCommit(args: string[]): Promise<number> {
  const ctx = await openScanContext({ cwd: process.cwd() });
  const report = scanStaged(ctx);
  if (args.includes("--json")) emit(reportJson(report));
  else for (const line of hookLines(report)) note(line);
  return report.findings.length ? EXIT_CODES.SECRETS_FOUND : 0;
}
