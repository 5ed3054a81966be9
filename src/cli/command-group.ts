/** A command made of subcommands (`backpack memory show|set|...`): one place for the shared wiring. */
import type { Argv, CommandModule } from "yargs";
import { BackpackError } from "../errors.js";

/**
 * The command `name`, whose builder adds the subcommands; a missing or
 * unknown subcommand is a USAGE error naming them and pointing at --help.
 */
export function commandGroup(name: string, describe: string, subcommandNames: string, addSubcommands: (y: Argv<object>) => Argv<object>): CommandModule<object, object> {
  return {
    command: name,
    describe,
    builder: (y) =>
      addSubcommands(y)
        .demandCommand(1, `name a subcommand: ${subcommandNames}`)
        .fail((message, error) => {
          if (error) throw error;
          throw new BackpackError("USAGE", message ?? "invalid usage", `see \`backpack ${name} --help\``);
        }),
    handler: () => {},
  };
}
