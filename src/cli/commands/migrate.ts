import type { CommandModule } from "yargs";
import { resolve } from "node:path";

interface MigrateArgs {
  file: string;
}

/** `backpack migrate [FILE]`: rewrite a format 1.0 (the Python tool's) or format 2 agent.lock as format 3, keeping a backup. */
const command: CommandModule<object, MigrateArgs> = {
  command: "migrate [file]",
  describe: "Upgrade an agent.lock to format 3 (from format 1.0 of the Python backpack-agent, or format 2), keeping a backup",
  builder: (y) =>
    y
      .positional("file", { type: "string", default: "agent.lock", describe: "The agent.lock to upgrade" })
      .example("AGENT_MASTER_KEY='old passphrase' $0 migrate", 'the passphrase the Python tool used (default "default-key")'),
  handler: async (argv) => {
    const { openRepositoryContext } = await import("../repository-context.js");
    const { done, note } = await import("../../output/output.js");
    const { migrateFile } = await import("../../agent-file/migrate.js");
    const ctx = await openRepositoryContext();
    const r = await migrateFile(ctx, resolve(argv.file), argv.file);
    if (r.from === "2") {
      const form = r.form === "working" ? "working form: git encrypts it on commit" : `stored form, encrypted with key ${r.key}`;
      done(`migrated ${argv.file} from format 2 to format 3 (${form})`);
      done(`  its layers are now bound to the file (a file id) and to each other (an integrity line)`);
      done(`  backup of the format 2 file: ${r.backup}`);
      if (r.form === "working") note(`next: \`git add ${argv.file}\` and commit: the filter writes format 3`);
      return;
    }
    const { reportMigration } = await import("../migration-report.js");
    await reportMigration(r, ctx, argv.file);
  },
};
export default command;
