/**
 * `backpack import backpack_agent.zip`: the Python tool's export, read by
 * agent-file/python-export.ts (every entry checked before anything is
 * written), written into a folder, then migrated to format 3 if the user
 * says so.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { backupFile } from "../agent-file/backup.js";
import { readPythonExport } from "../agent-file/python-export.js";
import { parseAgentLock } from "../core/agent-lock.js";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { done, note } from "../output/output.js";
import { Prompter } from "../terminal/prompt.js";

export interface PythonImportOptions {
  file: string;
  dir: string;
  /** Write agent.py and the other files too (--no-script: only agent.lock). */
  withFiles: boolean;
  force: boolean;
  nonInteractive: boolean;
}

/** Writes the export's files into `dir` and offers to migrate its agent.lock. */
export async function importPythonExport(options: PythonImportOptions): Promise<void> {
  const files = await readPythonExport(options.file, options.file);
  const dir = resolve(options.dir);
  const names = [...files.keys()].filter((name) => options.withFiles || name === "agent.lock");
  const existing = names.filter((name) => existsSync(join(dir, name)));
  if (existing.length > 0 && !options.force) {
    throw new BackpackError("USAGE", `${existing.join(", ")} already ${existing.length === 1 ? "exists" : "exist"} in ${dir}`, "import into another folder (--dir), or replace them with --force (a backup of each is kept)");
  }
  mkdirSync(dir, { recursive: true });
  for (const name of names) {
    const target = join(dir, name);
    if (existsSync(target)) note(`kept a backup: ${backupFile(target)}`);
    writeFileAtomic(target, files.get(name) as Buffer, { mode: name === "agent.lock" ? 0o600 : 0o644 });
  }
  done(`imported the Python tool's export ${options.file} into ${dir}: ${names.join(", ")}`);

  const lockPath = join(dir, "agent.lock");
  const parsed = parseAgentLock((files.get("agent.lock") as Buffer).toString("utf8"), lockPath);
  if (parsed.form !== "v1") return;
  const prompter = new Prompter({ nonInteractive: options.nonInteractive });
  // Never migrate unasked (--non-interactive, CI): the passphrase may not be the one in the environment.
  const migrate = prompter.mode !== "defaults" && (await prompter.confirm({ message: "Migrate agent.lock to format 3 now (a backup of the format 1.0 file is kept)?", default: true }));
  if (!migrate) {
    note(`next: \`backpack migrate ${lockPath}\` (with AGENT_MASTER_KEY set to the passphrase the Python tool used, if not its default)`);
    return;
  }
  const { openContext } = await import("../git/context.js");
  const { migrateFile } = await import("../agent-file/migrate.js");
  const { reportMigration } = await import("./migration-report.js");
  const ctx = openContext(dir);
  await reportMigration(await migrateFile(ctx, lockPath, lockPath), ctx, lockPath);
}
