import type { CommandModule } from "yargs";
import { resolve } from "node:path";
import { done, note } from "../../output/output.js";

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
    const { migrateFile } = await import("../../agent-file/migrate.js");
    const { Vault } = await import("../../keys/vault.js");
    const ctx = (await openRepositoryContext());
    const r = await migrateFile(ctx, resolve(argv.file), argv.file);
    const form = r.form === "working" ? "working form: git encrypts it on commit" : `stored form, encrypted with key ${r.key}${r.fromPassphrase ? " from the passphrase in AGENT_MASTER_KEY" : ""}`;
    done(`migrated ${argv.file} from format ${r.from} to format 3 (${form})`);
    if (r.from === "2") {
      done(`  its layers are now bound to the file (a file id) and to each other (an integrity line)`);
      done(`  backup of the format 2 file: ${r.backup}`);
      if (r.form === "working") note(`next: \`git add ${argv.file}\` and commit: the filter writes format 3`);
      return;
    }
    const list = (names: string[]) => (names.length ? ` (${names.join(", ")})` : "");
    done(`  credentials: ${r.embedded.length} embedded${list(r.embedded)}, ${r.fromVault.length} from your vault${list(r.fromVault)}`);
    if (r.metadata) done(`  metadata: now the "agent" section`);
    done(`  backup of the format 1.0 file: ${r.backup}`);
    const inVault = new Set((await new Vault(ctx.sources).list()).map((e) => e.name));
    const missing = r.fromVault.filter((name) => !inVault.has(name));
    if (missing.length) note(`next: add the placeholder credentials to your vault: ${missing.map((n) => `\`backpack key add ${n}\``).join(", ")}`);
    note("the backup is encrypted only as the Python tool did (often with its default passphrase): delete it once you have checked the result");
  },
};
export default command;
