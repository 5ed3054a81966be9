import type { CommandModule } from "yargs";
import { say } from "../../output/output.js";

interface ValidateArgs {
  file: string;
}

/** `backpack validate`: check an agent.lock in either form (and authenticate it when a key is at hand). */
const command: CommandModule<object, ValidateArgs> = {
  command: "validate [file]",
  describe: "Check that an agent.lock is well formed (and authentic, when a key is at hand)",
  builder: (y) => y.positional("file", { type: "string", default: "agent.lock", describe: "The agent.lock to check" }),
  handler: async (argv) => {
    const { validateAgentFile } = await import("../../agent-file/validate.js");
    const { openRepositoryContext } = await import("../repository-context.js");
    say(await validateAgentFile(argv.file, (await openRepositoryContext()).resolver));
  },
};
export default command;
