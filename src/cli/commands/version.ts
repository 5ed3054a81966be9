import type { CommandModule } from "yargs";
import { VERSION } from "../../package/version.js";
import { say } from "../../output/output.js";

/** `backpack version`: the CLI version, the formats it reads and the Node it runs on. */
const command: CommandModule = {
  command: "version",
  describe: "Print the version, the agent.lock formats it reads and the Node.js in use",
  handler: () => {
    say(`backpack ${VERSION}`);
    say(`agent.lock formats: 2 (read/write), 1.0 (read, migrate)`);
    say(`node ${process.version} (${process.execPath})`);
  },
};
export default command;
