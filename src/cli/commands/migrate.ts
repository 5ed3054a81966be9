import type { CommandModule } from "yargs";
import { resolve } from "node:path";

interface MigrateArgs {
  file: string;
}

/** `backpack migrate [FILE]`: rewrite a format 1.0 agent.lock (the Python tool's) as version 2, keeping a backup. */
const command: CommandModule<object, MigrateArgs> = {
  command: "migrate [file]",
  describe: "Rewrite a format 1.0 agent.lock (from the Python backpack-agent) as version 2, keeping a backup",
  builder: (y) =>
    y
      .positional("file", { type: "string", default: "agent.lock", describe: "The format 1.0 agent.lock" })
      .example("AGENT_MASTER_KEY='old passphrase' $0 migrate", 'the passphrase the Python tool used (default "default-key")'),
  handler: async (argv) => {
    const { openRepositoryContext } = await import("../repository-context.js");
    const { migrateFile } = await import("../../agent-file/migrate.js");
    const ctx = await openRepositoryContext();
    const r = await migrateFile(ctx, resolve(argv.file), argv.file);
    const { reportMigration } = await import("../migration-report.js");
    await reportMigration(r, ctx, argv.file);
  },
};
export default command;
