/** What `backpack migrate` (and `import` of a Python export) says after migrating a file. */
import type { MigrateResult } from "../agent-file/migrate.js";
import type { CommandContext } from "../git/context.js";
import { Vault } from "../keys/vault.js";
import { done, note } from "../output/output.js";
import { addValueHint, shellUnsafeNames } from "./credential-hints.js";

/** Prints what a migration did, what to do next, and what changed for agents and deployments. */
export async function reportMigration(r: MigrateResult, ctx: CommandContext, file: string): Promise<void> {
    const form = r.form === "working" ? "working form: git encrypts it on commit" : `stored form, encrypted with key ${r.key}${r.fromPassphrase ? " from the passphrase in AGENT_MASTER_KEY" : ""}`;
    done(`migrated ${file} from format 1.0 to format 3 (${form})`);
    const list = (names: string[]) => (names.length ? ` (${names.join(", ")})` : "");
    done(`  credentials: ${r.embedded.length} embedded${list(r.embedded)}, ${r.fromVault.length} from your vault${list(r.fromVault)}`);
    if (r.metadata) done(`  metadata: now the "agent" section`);
    done(`  backup of the format 1.0 file: ${r.backup}`);
    const inVault = new Set((await new Vault(ctx.sources).list()).map((e) => e.name));
    const missing = r.fromVault.filter((name) => !inVault.has(name));
    if (missing.length) note(`next: add the placeholder credentials to your vault: ${missing.map((n) => `\`${addValueHint(n)}\``).join(", ")}`);
    const unsafe = shellUnsafeNames([...r.embedded, ...r.fromVault]);
    if (unsafe.length) {
      note(
        `note: ${unsafe.join(", ")} ${unsafe.length === 1 ? "is not a name" : "are not names"} a shell can use as a variable: \`backpack run\` still passes ${unsafe.length === 1 ? "it" : "them"} to the agent, ` +
          `but a shell script cannot read ${unsafe.length === 1 ? "it" : "them"}; rename with \`backpack key rename OLD NEW\``,
      );
    }
    note(
      "note: agents that use the Python library (`from backpack import AgentLock`) cannot read a format 3 file: start them with `backpack run` " +
        "(credentials, AGENT_SYSTEM_PROMPT and AGENT_TONE come in their environment), or give them the format 1.0 backup until they are ported",
    );
    if (!r.fromPassphrase) {
      note(
        `note: a deployment that set ${ctx.settings.masterKeyEnv} to the Python tool's passphrase cannot open this file: set it there to the line \`backpack key export\` prints (key ${r.key ?? "of this repository"})`,
      );
    }
    note("the backup is encrypted only as the Python tool did (often with its default passphrase): delete it once you have checked the result");
}
