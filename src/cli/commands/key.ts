import type { CommandModule } from "yargs";
import add from "./key-add.js";
import exportKey from "./key-export.js";
import importKey from "./key-import.js";
import list from "./key-list.js";
import remove from "./key-remove.js";
import rename from "./key-rename.js";
import rotate from "./key-rotate.js";

/** The `key` sub-commands; listed here too so tests can cover each one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const subcommands: CommandModule<any, any>[] = [add, list, remove, rename, exportKey, importKey, rotate];

/** `backpack key ...`: the personal credentials vault and the repository's key. */
const command: CommandModule & { subcommands: typeof subcommands } = {
  command: "key",
  describe: "Your credentials vault (add, list, remove, rename) and the repository key (export, import, rotate)",
  builder: (y) => {
    for (const sub of subcommands) y.command(sub);
    return y.demandCommand(1, "name a key command: see `backpack key --help`");
  },
  handler: () => {},
  subcommands,
};
export default command;
