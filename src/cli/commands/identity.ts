import type { CommandModule } from "yargs";
import { note, say } from "../../output/output.js";

interface IdentityArgs {
  json?: boolean;
}

/** `backpack identity`: your age identity (made on first use, kept in your key store); prints the recipient to share. */
const command: CommandModule<object, IdentityArgs> = {
  command: "identity",
  describe: "Print your age recipient (age1…) for team repositories; makes your identity on first use",
  builder: (y) => y.option("json", { type: "boolean", describe: 'Print {"recipient","origin","created"} as JSON' }),
  handler: async (argv) => {
    const { openContext } = await import("../../git/context.js");
    const { myIdentity } = await import("../../git/team.js");
    const me = await myIdentity(openContext(), process.env, true);
    if (argv.json) {
      say(JSON.stringify({ recipient: me.recipient, origin: me.identity.origin, created: me.created }, null, 2));
      return;
    }
    say(me.recipient);
    note(me.created ? `made your age identity, kept in the ${me.identity.origin} (the secret half never leaves it)` : `your age identity, from ${me.identity.origin}`);
    note("share the line above with a member: `backpack team add YOUR_NAME age1…` gives you the team's keys");
  },
};
export default command;
