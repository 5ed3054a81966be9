/** What `quickstart`, `template use` and `import` print after writing an agent: the files, then the next steps. */
import { relative } from "node:path";
import type { ScaffoldResult } from "../agent-file/scaffold.js";
import { done, paint } from "../output/output.js";

export interface CreatedAgent {
  result: ScaffoldResult;
  /** Credential names the agent needs. */
  credentials: string[];
  /** The script to run, if one was written (file name in the folder). */
  entry?: string;
  /** The folder, as the user named it. */
  dir: string;
}

/** Prints the files written and the commands to run next. */
export function reportCreated(agent: CreatedAgent): void {
  const show = (path: string) => relative(process.cwd(), path) || path;
  const [lock, ...others] = agent.result.written;
  if (lock) done(`${paint.green("created")} ${show(lock)} (${agent.result.form === "working" ? "working form: git encrypts it on commit" : "encrypted"})`);
  for (const path of others) done(`${paint.green("created")} ${show(path)}`);
  for (const backup of agent.result.backups) done(`${paint.dim("kept a backup:")} ${show(backup)}`);
  const steps: string[] = [];
  const into = agent.dir === "." ? "" : `cd ${agent.dir} && `;
  for (const name of agent.credentials) steps.push(`backpack key add ${name}`);
  if (agent.entry) steps.push(`${into}backpack run ${agent.entry}`);
  if (agent.result.form === "stored") steps.push("to keep it in git: `git init` (if needed), then `backpack setup`");
  if (steps.length === 0) return;
  done("");
  done(paint.bold("next:"));
  steps.forEach((step, i) => done(`  ${i + 1}. ${step}`));
}
