import type { CommandModule } from "yargs";
import { existsSync } from "node:fs";
import { BackpackError } from "../../errors/errors.js";
import { note, say } from "../../output/output.js";

interface KeyExportArgs {
  output?: string;
  print?: boolean;
  force?: boolean;
}

/**
 * `backpack key export`: the repository's key (else your default key) as one
 * line, for CI or a teammate. Never printed to a terminal by accident: stdout
 * only when it is a pipe or file, `--output FILE` (mode 0600), or `--print`.
 */
const command: CommandModule<object, KeyExportArgs> = {
  command: "export",
  describe: "Print the repository key as one line (BACKPACK-KEY-1:...) for CI or a teammate",
  builder: (y) =>
    y
      .option("output", { alias: "o", type: "string", describe: "Write it to this file (mode 0600) instead of stdout" })
      .option("print", { type: "boolean", describe: "Print it even though stdout is a terminal (it stays in your scrollback)" })
      .option("force", { type: "boolean", describe: "Replace an existing --output file" })
      .example("$0 key export | gh secret set AGENT_MASTER_KEY", "store it as a CI secret without showing it")
      .example("$0 key export --output ~/backpack.key", "write it to a file only you can read"),
  handler: async (argv) => {
    const { openRepositoryContext } = await import("../repository-context.js");
    const { keyToExport } = await import("../../git/key-transfer.js");
    if (!argv.output && process.stdout.isTTY && !argv.print) {
      throw new BackpackError(
        "USAGE",
        "refusing to print the key on a terminal",
        "pipe it (`backpack key export | gh secret set AGENT_MASTER_KEY`), write it with --output FILE, or add --print",
      );
    }
    if (argv.output && existsSync(argv.output) && !argv.force) {
      throw new BackpackError("USAGE", `${argv.output} already exists`, "choose another file, or add --force to replace it");
    }
    const { key, line, scope } = await keyToExport((await openRepositoryContext()));
    note(
      `warning: this line unlocks every agent.lock encrypted with key ${key.fingerprint} (${scope === "repository" ? "this repository's key" : "your default key"}). ` +
        "Keep it secret: store it as a CI secret (AGENT_MASTER_KEY) or hand it over privately; never commit it.",
    );
    if (argv.output) {
      const { writeFileAtomic } = await import("../../io/atomic-write.js");
      const { chmodSync } = await import("node:fs");
      writeFileAtomic(argv.output, `${line}\n`, { mode: 0o600 });
      chmodSync(argv.output, 0o600);
      note(`wrote key ${key.fingerprint} to ${argv.output} (mode 0600)`);
      return;
    }
    say(line);
  },
};
export default command;
