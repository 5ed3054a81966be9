import type { Argv } from "yargs";
import { BackpackError, isBackpackError } from "../../errors/errors.js";
import { agentFileOption } from "../agent-file-option.js";
import { commandGroup } from "../command-group.js";
import { emit, note, paint, say } from "../../output/output.js";

interface EnvImportArgs {
  file: string;
  dotenv: string;
  delete?: boolean;
  gitignore?: boolean;
  keep?: boolean;
  overwrite?: boolean;
}

interface EnvExportArgs {
  file: string;
  out?: string;
  stdout?: boolean;
  force?: boolean;
  gitignore?: boolean;
}

type Disposal = "delete" | "gitignore" | "keep";

/** Runs a file operation; an OS error becomes a one-line IO error naming the file. */
function fileOperation<T>(path: string, verb: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (isBackpackError(error)) throw error; // the write primitive's IO error already names the file and the reason
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackpackError("IO", `cannot ${verb} ${path} (${code ?? "error"})`, "check that the folder exists and is writable");
  }
}

/** What to do with the .env after importing: from the flags, else asked on a terminal, else keep. */
async function chooseDisposal(argv: EnvImportArgs, safeToDelete: boolean): Promise<Disposal> {
  const given = (["delete", "gitignore", "keep"] as const).filter((flag) => argv[flag]);
  if (given.length > 1) throw new BackpackError("USAGE", `choose one of --${given.join(", --")}`, "--delete, --gitignore or --keep");
  if (given[0]) return given[0];
  const { canPrompt, askChoice } = await import("../terminal-prompt.js");
  if (!canPrompt()) {
    note(`kept ${argv.dotenv}; pass --delete or --gitignore to deal with it`);
    return "keep";
  }
  const choices = [
    ...(safeToDelete ? [{ word: "delete", value: "delete" as const }] : []),
    { word: "gitignore", value: "gitignore" as const },
    { word: "keep", value: "keep" as const },
  ];
  const question = `${argv.dotenv} still holds the values in plain text. ${choices.map((c) => `[${c.word[0]}]${c.word.slice(1)}`).join(" / ")} it?`;
  return askChoice(question, choices, "keep") ?? "keep";
}

const subcommands = (y: Argv<object>) =>
  y
    .option("file", agentFileOption)
    .command<EnvImportArgs>(
      "import [dotenv]",
      "Move a .env file's values into your vault and put placeholders in agent.lock",
      (b) =>
        b
          .positional("dotenv", { type: "string", default: ".env", describe: "The .env file" })
          .option("delete", { type: "boolean", describe: "Delete the .env afterwards (only when every value is safely in the vault)" })
          .option("gitignore", { type: "boolean", describe: "Add the .env to .gitignore afterwards" })
          .option("keep", { type: "boolean", describe: "Leave the .env as it is" })
          .option("overwrite", { type: "boolean", describe: "Replace values the vault already holds (default: keep the vault's)" }),
      async (argv) => {
        const { importEnvFile } = await import("../../runtime/env-transfer.js");
        const r = await importEnvFile({ envFile: argv.dotenv, agentFile: argv.file, overwrite: argv.overwrite });
        const where = r.store ? ` (${r.store} store)` : "";
        if (r.stored.length) say(`stored in your vault${where}: ${r.stored.join(", ")}`);
        if (r.unchanged.length) say(`already in your vault: ${r.unchanged.join(", ")}`);
        if (r.kept.length) note(`your vault holds other values for ${r.kept.join(", ")}: kept them (--overwrite replaces them)`);
        for (const s of r.skipped) note(`skipped ${s.name}: ${s.reason === "empty" ? "no value" : "not a valid credential name"}`);
        if (r.unembedded.length) note(`were embedded in ${argv.file}, now read from the vault: ${r.unembedded.join(", ")}`);
        say(r.createdAgentFile ? `created ${argv.file} with placeholders` : `placeholders written to ${argv.file}`);
        const choice = await chooseDisposal(argv, r.notImported.length === 0);
        if (choice === "delete") {
          if (r.notImported.length) {
            throw new BackpackError(
              "USAGE",
              `not deleting ${argv.dotenv}: its values for ${r.notImported.join(", ")} are not in the vault`,
              "import them (--overwrite replaces the vault's values; rename invalid names), or delete the file yourself once you are sure",
            );
          }
          const { unlinkSync } = await import("node:fs");
          fileOperation(argv.dotenv, "delete", () => unlinkSync(argv.dotenv));
          say(`deleted ${argv.dotenv}`);
        } else if (choice === "gitignore") {
          const { addToGitignore } = await import("../../agent-file/gitignore.js");
          const { resolve } = await import("node:path");
          const { gitignore, added } = fileOperation(".gitignore", "update", () => addToGitignore(resolve(argv.dotenv)));
          say(added ? `added ${argv.dotenv} to ${gitignore}` : `${argv.dotenv} is already in ${gitignore}`);
        }
      },
    )
    .command<EnvExportArgs>(
      "export [out]",
      "Write the agent's credentials as KEY=value lines (plain text: careful)",
      (b) =>
        b
          .positional("out", { type: "string", describe: "The file to write (mode 0600); - or --stdout for standard output" })
          .option("stdout", { type: "boolean", describe: "Print to standard output, even on a terminal" })
          .option("force", { type: "boolean", describe: "Replace an existing file, and write into a git working tree where git does not ignore the file" })
          .option("gitignore", { type: "boolean", describe: "Add the file to .gitignore first (in a git working tree)" })
          .conflicts("gitignore", "stdout"),
      async (argv) => {
        const toStdout = argv.stdout || argv.out === undefined || argv.out === "-";
        if (toStdout && process.stdout.isTTY && !argv.stdout) {
          throw new BackpackError("USAGE", "refusing to print credential values on a terminal", "write a file (`backpack env export .env`), or pass --stdout if you mean it");
        }
        const { existsSync } = await import("node:fs");
        if (!toStdout && existsSync(argv.out as string) && !argv.force) {
          throw new BackpackError("USAGE", `${argv.out} already exists`, "pass --force to replace it");
        }
        // Plaintext values in a working tree where git would take them: refused unless ignored (or --force), before anything is read.
        const { isIgnoredByGit } = await import("../../git/ignore.js");
        const { dirname, resolve } = await import("node:path");
        if (!toStdout && argv.gitignore) {
          const { addToGitignore } = await import("../../agent-file/gitignore.js");
          const { gitignore, added } = fileOperation(".gitignore", "update", () => addToGitignore(resolve(argv.out as string)));
          if (added) say(`added ${argv.out} to ${gitignore}`);
        }
        // A missing folder: no working tree to ask about; the write below fails with its own IO error.
        const ignored = toStdout || !existsSync(dirname(resolve(argv.out as string))) ? undefined : isIgnoredByGit(resolve(argv.out as string));
        if (ignored === false && !argv.force) {
          throw new BackpackError(
            "USAGE",
            `refusing to write credential values in plain text to ${argv.out}: it is in a git working tree and git does not ignore it`,
            "pass --gitignore to add it to .gitignore first, write to standard output (--stdout), or pass --force if you mean it",
          );
        }
        const { exportEnvText } = await import("../../runtime/env-transfer.js");
        const r = await exportEnvText(argv.file);
        if (toStdout) {
          emit(r.text);
        } else {
          const { writeFileAtomic } = await import("../../io/atomic-write.js");
          fileOperation(argv.out as string, "write", () => writeFileAtomic(argv.out as string, r.text, { mode: 0o600 }));
        }
        const target = toStdout ? "standard output" : (argv.out as string);
        note(paint.yellow(`WARNING: ${r.written.length} credential value(s) written in plain text to ${target}: ${r.written.join(", ") || "none"}`));
        if (!toStdout) {
          note(paint.yellow("  Never commit it; delete it when you are done."));
          if (ignored === false) note(paint.yellow(`  ${argv.out} is NOT ignored by git (written because of --force): add it to .gitignore`));
        }
        if (r.missing.length) note(`not set, left out: ${r.missing.join(", ")} (add with \`backpack key add NAME\`)`);
      },
    );

/** `backpack env`: move credentials between .env files and the vault. */
export default commandGroup("env", "Move credentials between a .env file and your vault (import, export)", "import or export", subcommands);
