import type { CommandModule } from "yargs";

interface ImportArgs {
  file?: string;
  dir: string;
  script?: boolean;
  "passphrase-env"?: string;
  force?: boolean;
  "non-interactive"?: boolean;
}

/** `backpack import`: write the agent from a bundle made by `backpack export`. */
const command: CommandModule<object, ImportArgs> = {
  command: "import <file>",
  describe: "Open a bundle made by `backpack export` (or the Python tool's backpack_agent.zip) and write its agent.lock (and script)",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: 'The bundle ("-" reads stdin; then pass --passphrase-env)' })
      .option("dir", { type: "string", default: ".", describe: "Folder to write the agent into (created if needed)" })
      .option("script", { type: "boolean", default: true, describe: "Write the bundled files too (--no-script: only agent.lock)" })
      .option("passphrase-env", { type: "string", describe: "Read the passphrase from this environment variable instead of asking" })
      .option("force", { type: "boolean", describe: "Replace existing files (a backup of each is kept)" })
      .option("non-interactive", { type: "boolean", describe: "Ask nothing (needs --passphrase-env)" })
      .example("$0 import analyst.backpack --dir analyst", "")
      .example("$0 import backpack_agent.zip --dir agent", "the Python tool's export: agent.lock and agent.py, then an offer to migrate"),
  handler: async (argv) => {
    const file = argv.file === "" ? "-" : (argv.file as string);
    const { isZipFile } = await import("../../agent-file/python-export.js");
    if (file !== "-" && isZipFile(file)) {
      const { importPythonExport } = await import("../python-import.js");
      await importPythonExport({ file, dir: argv.dir, withFiles: argv.script !== false, force: argv.force === true, nonInteractive: argv["non-interactive"] === true });
      return;
    }
    const { importAgent } = await import("../bundle-commands.js");
    await importAgent({
      // yargs reads a lone "-" as an empty string.
      file,
      dir: argv.dir,
      withFiles: argv.script !== false,
      passphraseEnv: argv["passphrase-env"],
      force: argv.force,
      nonInteractive: argv["non-interactive"],
    });
  },
};
export default command;
