/**
 * The CLI root: declares every command (one file each under ./commands) and is
 * the only place that prints errors and sets exit codes. `backpack git ...` never
 * comes here: bin/backpack.js sends it to src/cli/git-main.ts, which has no yargs.
 */
import { basename } from "node:path";
import yargs from "yargs";
import { setAuditCommand } from "../output/audit.js";
import { applyLoggingSettings } from "../config/logging.js";
import { flagLogLevel, splitArgv } from "./argv.js";
import { note, reportError } from "../output/output.js";
import { locateAgentFile } from "../agent-file/locate.js";
import { commands } from "./registry.js";
import { usageError } from "./usage-error.js";
import { VERSION } from "../package/version.js";

/** Commands that read an existing agent.lock: run in a subfolder, they use the nearest one above. */
const READS_AN_AGENT_FILE = new Set(["run", "memory", "show", "info", "validate", "config", "migrate", "export", "status"]);

/** Points `--file`/FILE at the agent.lock above the current folder when the default is missing here, and says so. */
function findAgentFileAbove(parsed: { _: Array<string | number>; file?: unknown; quiet?: unknown }): void {
  if (!READS_AN_AGENT_FILE.has(String(parsed._[0])) || typeof parsed.file !== "string") return;
  const found = locateAgentFile(process.cwd(), parsed.file);
  if (!found.above) return;
  parsed.file = found.path;
  if (!parsed.quiet) note(`backpack: using ${found.path} (the nearest agent.lock above this folder)`);
}

export async function main(args: string[]): Promise<void> {
  // A closed pipe (`backpack config list | head`) ends the output, not the process with a trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  // `backpack run SCRIPT ARGS`: ARGS belong to the script, not to backpack.
  const { argv, own } = splitArgv(args);
  const debug = own.includes("--debug");
  try {
    await applyLoggingSettings(flagLogLevel(own));
    let parser = yargs(argv)
      .parserConfiguration({ "populate--": true })
      // Installed as `backpack` and as `bp`: help speaks the name that was typed.
      .scriptName(basename(process.argv[1] ?? "") === "bp" ? "bp" : "backpack")
      .usage("$0 <command> [options]\n\nKeep an AI agent's secrets, personality and memory in one encrypted agent.lock.")
      .option("debug", { type: "boolean", describe: "Debug logging and stack traces (never secret values)", global: true })
      .option("verbose", { alias: "v", type: "boolean", describe: "More output", global: true })
      .option("quiet", { alias: "q", type: "boolean", describe: "Only errors", global: true })
      .strict()
      .recommendCommands()
      .demandCommand(1, "name a command: see `backpack --help`")
      .help()
      .alias("help", "h")
      // `backpack --version` prints the version alone (scripts); `backpack version` says more.
      .version("version", "Print the version number", VERSION)
      // yargs renders the whole help after every command's handler starts (to show it later), and wrapping
      // it measures every word's width (about 25 ms of each command): wrapped only when help is asked for.
      .wrap(own.some((arg) => arg === "--help" || arg === "-h") || own.includes("help") ? Math.min(100, process.stdout.columns ?? 100) : null)
      .fail((message, error, usage) => {
        if (error) throw error;
        throw usageError(message, usage);
      })
      .middleware((parsed) => setAuditCommand(["backpack", ...parsed._.map(String)].join(" ")))
      .middleware(findAgentFileAbove);
    for (const command of commands) parser = parser.command(command);
    await parser.parseAsync();
  } catch (error) {
    process.exitCode = reportError(error, { debug });
  }
}
