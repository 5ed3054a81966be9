import type { CommandModule } from "yargs";
import { isBackpackError } from "../../errors/errors.js";
import { emit, say } from "../../output/output.js";

interface StatusArgs {
  json?: boolean;
  file: string;
}

const LABELS = {
  locked: "locked",
  unlocked: "unlocked",
  "format-1.0": "format 1.0",
  invalid: "invalid",
  missing: "missing",
  "not-checked-out": "not checked out",
} as const;

/**
 * The agent file's part of the status, with the Python tool's JSON fields
 * (`file_path`, `size`, `layers`: credential names, personality, memory), which
 * its VS Code extension and users' scripts parse. `error` instead when the file
 * is missing or does not open.
 */
async function agentFileStatus(file: string): Promise<{ file_path: string; size: number; layers: Record<string, unknown> } | { error: string; exitCode: number }> {
  const { statSync } = await import("node:fs");
  const { resolve } = await import("node:path");
  const { loadAgentFile } = await import("../../agent-file/agent-file.js");
  const { openContext } = await import("../../git/context.js");
  const path = resolve(file);
  try {
    const loaded = await loadAgentFile(file, openContext().resolver);
    const { credentials, personality, memory } = loaded.doc;
    return { file_path: path, size: statSync(path).size, layers: { credentials: Object.keys(credentials), personality, memory } };
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return { error: error.code === "NOT_FOUND" ? `No ${file} found` : error.message, exitCode: error.exitCode };
  }
}

/**
 * `backpack status`: the agent.lock here (its layers, as the Python tool
 * printed them) and, inside a repository, per tracked agent.lock whether it is
 * locked or unlocked, modified or not, and how to unlock.
 */
const command: CommandModule<object, StatusArgs> = {
  command: "status",
  describe: "Show the agent.lock here and, in a repository, whether each tracked one is locked or unlocked",
  builder: (y) =>
    y
      .option("json", { type: "boolean", describe: "Print the status as JSON" })
      .option("file", { alias: "f", type: "string", default: "agent.lock", describe: "The agent.lock to describe" }),
  handler: async (argv) => {
    const { findRepo } = await import("../../git/repo.js");
    const repo = findRepo(process.cwd());
    const file = await agentFileStatus(argv.file);
    if (!repo) {
      // Outside git: the file alone, as the Python tool did (its JSON fields; our exit codes).
      if (argv.json) emit(`${JSON.stringify("error" in file ? { error: file.error } : file, null, 2)}\n`);
      else if ("error" in file) say(`${file.error} in this folder (not in a git repository)`);
      else printFile(file);
      if ("error" in file) process.exitCode = file.exitCode;
      return;
    }
    const { repoStatus } = await import("../../git/status.js");
    const status = await repoStatus(repo, process.env);
    if (argv.json) {
      emit(`${JSON.stringify({ ...("error" in file ? {} : file), ...status }, null, 2)}\n`);
      return;
    }
    if (!("error" in file)) printFile(file);
    say(`${status.root}: ${status.wired ? "wired by backpack setup" : "not set up"}${status.key ? `, key ${status.key.fingerprint} ${status.key.atHand ? "at hand" : "NOT on this machine"}` : ""}`);
    if (status.files.length === 0) say("  no agent.lock files are tracked");
    const width = Math.max(...status.files.map((f) => LABELS[f.state].length), 0);
    for (const entry of status.files) {
      const extra = [entry.modified ? "modified" : "", entry.state === "locked" && !entry.keyAtHand ? `key ${entry.key} not at hand` : "", entry.problem ?? ""].filter(Boolean).join("; ");
      say(`  ${LABELS[entry.state].padEnd(width)}  ${entry.path}${extra ? `  (${extra})` : ""}`);
    }
    if (status.hint) say(`hint: ${status.hint}`);
  },
};
export default command;

function printFile(file: { file_path: string; size: number; layers: Record<string, unknown> }): void {
  const count = (value: unknown) => (Array.isArray(value) ? value.length : Object.keys(value as object).length);
  say(`Agent status (${file.file_path})`);
  say(`  size: ${file.size} bytes`);
  say(`  credentials: ${count(file.layers.credentials)} defined${count(file.layers.credentials) ? ` (${(file.layers.credentials as string[]).join(", ")})` : ""}`);
  say(`  personality: ${count(file.layers.personality)} items`);
  say(`  memory: ${count(file.layers.memory)} items`);
}
