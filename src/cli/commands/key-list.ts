import type { CommandModule } from "yargs";
import { say } from "../../output/output.js";

interface KeyListArgs {
  json?: boolean;
}

/** `backpack key list`: the names in your vault (never values) and the store of each. */
const command: CommandModule<object, KeyListArgs> = {
  command: "list",
  describe: "List the credential names in your vault (names only) and where each is stored",
  builder: (y) => y.option("json", { type: "boolean", describe: 'Print [{"name","store"}] as JSON' }),
  handler: async (argv) => {
    const { Vault } = await import("../../keys/vault.js");
    const { openContext } = await import("../../git/context.js");
    const entries = await new Vault(openContext().sources).list();
    if (argv.json) {
      say(JSON.stringify(entries, null, 2));
      return;
    }
    if (entries.length === 0) {
      say("your vault is empty: add a credential with `backpack key add NAME`");
      return;
    }
    const width = Math.max(...entries.map((e) => e.name.length));
    for (const entry of entries) say(`${entry.name.padEnd(width)}  (${entry.store})`);
  },
};
export default command;
