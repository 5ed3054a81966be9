import type { CommandModule } from "yargs";

interface ExportArgs {
  file?: string;
  from: string;
  script?: (string | boolean)[];
  "passphrase-env"?: string;
  force?: boolean;
  "non-interactive"?: boolean;
}

/** `backpack export`: an agent as a passphrase-encrypted bundle that opens on any machine. */
const command: CommandModule<object, ExportArgs> = {
  command: "export [file]",
  describe: "Write a portable, passphrase-encrypted bundle of an agent (agent.lock and its script)",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: 'The bundle to write (default <agent name>.backpack; "-" for stdout)' })
      .option("from", { type: "string", default: "agent.lock", describe: "The agent.lock to export" })
      .option("script", { type: "string", array: true, describe: "A file to take along (repeatable; default agent.py, backpack_agent.py, agent.js beside agent.lock; --no-script for none)" })
      .option("passphrase-env", { type: "string", describe: "Read the passphrase from this environment variable instead of asking" })
      .option("force", { type: "boolean", describe: "Replace an existing bundle file" })
      .option("non-interactive", { type: "boolean", describe: "Ask nothing (needs --passphrase-env)" })
      .example("$0 export", "asks for a passphrase, writes <name>.backpack")
      .example("BUNDLE_PASS=... $0 export agent.backpack --passphrase-env BUNDLE_PASS", ""),
  handler: async (argv) => {
    const { exportAgent } = await import("../bundle-commands.js");
    await exportAgent({
      // yargs reads a lone "-" as an empty string.
      file: argv.file === "" ? "-" : argv.file,
      from: argv.from,
      scripts: argv.script?.includes(false) ? [] : (argv.script as string[] | undefined),
      passphraseEnv: argv["passphrase-env"],
      force: argv.force,
      nonInteractive: argv["non-interactive"],
    });
  },
};
export default command;
