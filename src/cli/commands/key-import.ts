import type { CommandModule } from "yargs";
import { say } from "../../output/output.js";

interface KeyImportArgs {
  file?: string;
}

/** `backpack key import [FILE]`: store an exported key (from FILE, stdin, or a hidden prompt). */
const command: CommandModule<object, KeyImportArgs> = {
  command: "import [file]",
  describe: "Store a key exported with `backpack key export` (from FILE, stdin, or a hidden prompt)",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "A file holding the line; omit (or -) for stdin" })
      .example("$0 key import ~/backpack.key", "")
      .example("$0 key import", "paste the line at the hidden prompt"),
  handler: async (argv) => {
    const { openRepositoryContext } = await import("../repository-context.js");
    const { importKey } = await import("../../git/key-transfer.js");
    let text: string;
    if (argv.file && argv.file !== "-") {
      const { readAgentFileText } = await import("../../agent-file/agent-file.js");
      text = readAgentFileText(argv.file);
    } else {
      const { readSecret } = await import("../prompt.js");
      text = await readSecret("Paste the exported key (not shown): ");
    }
    const result = await importKey((await openRepositoryContext()), text);
    say(`imported key ${result.fingerprint} into the ${result.store} store: ${result.role}`);
  },
};
export default command;
