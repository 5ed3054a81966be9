/**
 * `backpack git pre-commit`: what the pre-commit hook runs. Scans the lines
 * the staged change adds (staged blobs read in one `git cat-file --batch`) and
 * blocks the commit with exit code 7 (SECRETS_FOUND) when it finds a secret, a
 * plaintext agent.lock or a .env with real values. Prints where, which rule, a
 * masked preview and the fix; never the secret. `--json` prints the findings
 * as JSON on stdout instead. `--stdin` reads the two lists the installed
 * hook script pipes in (hook-lists.ts) instead of running git for them.
 */
import { EXIT_CODES } from "../errors/errors.js";
import { openScanContext } from "./context.js";
import { hookLines, reportJson } from "./report.js";
import { scanStaged } from "./staged.js";
import { emit, note } from "../output/output.js";
import { readFileSync } from "node:fs";
import { parseHookLists } from "./hook-lists.js";

/** Runs the check; returns the exit code (0: the commit may go ahead). */
export async function preCommit(args: string[]): Promise<number> {
  // --stdin: the hook script ran the two gits (hook-lists.ts); by hand, or from an older hook, they run here.
  const lists = args.includes("--stdin") ? parseHookLists(readFileSync(0)) : undefined;
  const ctx = await openScanContext({ cwd: process.cwd(), ...(lists ? { covered: lists.covered } : {}) });
  const report = scanStaged(ctx, lists?.rawDiff);
  if (args.includes("--json")) emit(reportJson(report));
  else for (const line of hookLines(report)) note(line);
  return report.findings.length ? EXIT_CODES.SECRETS_FOUND : 0;
}
