import type { CommandModule } from "yargs";
import { done } from "../../output/output.js";

interface KeyRemoveArgs {
  name: string;
}

/** `backpack key remove NAME`: delete a credential from your vault. */
const command: CommandModule<object, KeyRemoveArgs> = {
  command: "remove <name>",
  aliases: ["rm"],
  describe: "Remove a credential from your vault",
  builder: (y) => y.positional("name", { type: "string", demandOption: true, describe: "The credential's name" }),
  handler: async (argv) => {
    const { Vault } = await import("../../keys/vault.js");
    const { openContext } = await import("../../git/context.js");
    const stores = await new Vault(openContext().sources).remove(argv.name);
    done(`removed ${argv.name} from your vault (${stores.join(", ")} store)`);
  },
};
export default command;
