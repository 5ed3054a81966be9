import type { CommandModule } from "yargs";
import { done, note } from "../../output/output.js";

interface KeyAddArgs {
  name: string;
  value?: string;
}

/** `backpack key add NAME`: store a credential in your vault (hidden prompt, stdin, or --value). */
const command: CommandModule<object, KeyAddArgs> = {
  command: "add <name>",
  describe: "Store a credential in your vault (hidden prompt on a terminal, else stdin)",
  builder: (y) =>
    y
      .positional("name", { type: "string", demandOption: true, describe: "The credential's name, e.g. OPENAI_API_KEY" })
      .option("value", { type: "string", describe: "The value on the command line (visible in `ps` and shell history: prefer the prompt or stdin)" })
      .example("$0 key add OPENAI_API_KEY", "asks for the value without echoing it")
      .example("printf %s \"$TOKEN\" | $0 key add GITHUB_TOKEN", "reads the value from stdin"),
  handler: async (argv) => {
    const { assertCredentialName, Vault } = await import("../../keys/vault.js");
    const { openContext } = await import("../../git/context.js");
    const { readSecret } = await import("../prompt.js");
    assertCredentialName(argv.name);
    const { riskyNameWarning } = await import("../../runtime/inject.js");
    const risky = riskyNameWarning(argv.name);
    if (risky) note(risky);
    let value: string;
    if (argv.value !== undefined) {
      note("warning: a value given with --value is visible to other users in `ps` and stays in your shell history; prefer the prompt or stdin");
      value = argv.value;
    } else {
      value = await readSecret(`Value for ${argv.name} (not shown): `);
    }
    const vault = new Vault(openContext().sources);
    // As `git config` does: a name that is there gets the new value (the Python tool asked first; a script cannot answer).
    const replaced = (await vault.get(argv.name)) !== undefined;
    const store = await vault.add(argv.name, value);
    done(`${replaced ? "replaced" : "stored"} ${argv.name} in your vault (${store} store)`);
  },
};
export default command;
