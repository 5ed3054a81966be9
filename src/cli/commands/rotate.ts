import type { CommandModule } from "yargs";
import { dirname, resolve } from "node:path";
import { BackpackError } from "../../errors/errors.js";
import { done, note } from "../../output/output.js";

interface RotateArgs {
  file?: string;
  "key-file"?: string;
  "new-key"?: string;
}

/**
 * `backpack rotate`: the Python tool's command, kept for a file outside git
 * encrypted with a passphrase: re-encrypt it with a new passphrase (or an
 * exported key), verified after writing, the old file kept as a backup. In a
 * repository the key belongs to the repository: `backpack key rotate`.
 */
const command: CommandModule<object, RotateArgs> = {
  command: "rotate [file]",
  describe: "Re-encrypt an agent.lock outside git with a new passphrase (in a repository: `backpack key rotate`)",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "The agent.lock (default: agent.lock)" })
      .option("key-file", { type: "string", describe: "The agent.lock, as the Python tool named this option (same as FILE)" })
      .option("new-key", { type: "string", describe: "The new passphrase or exported key (visible in `ps` and shell history: prefer the prompt or stdin)" })
      .example("AGENT_MASTER_KEY='old passphrase' $0 rotate", "asks for the new passphrase twice")
      .example("printf %s \"$NEW\" | AGENT_MASTER_KEY=\"$OLD\" $0 rotate --key-file bot/agent.lock", "the new passphrase from stdin"),
  handler: async (argv) => {
    if (argv.file && argv["key-file"] && resolve(argv.file) !== resolve(argv["key-file"])) {
      throw new BackpackError("USAGE", "name the agent.lock once: FILE or --key-file", "`backpack rotate agent.lock`");
    }
    const name = argv.file ?? argv["key-file"] ?? "agent.lock";
    const path = resolve(name);
    const { findRepo } = await import("../../git/repo.js");
    const repo = findRepo(dirname(path));
    if (repo) {
      throw new BackpackError(
        "USAGE",
        `${name} is in the git repository ${repo.root}, whose agent.lock files share the repository's key`,
        "rotate that key with `backpack key rotate` (every agent.lock re-encrypted, all or nothing)",
      );
    }
    const { openContext } = await import("../../git/context.js");
    const { loadAgentFile, readAgentFileText, readsBackAs, renderVerified } = await import("../../agent-file/agent-file.js");
    const { backupFile } = await import("../../agent-file/backup.js");
    const { writeFileAtomic } = await import("../../io/atomic-write.js");
    const { resolveRepoKey, unlockKeyFromText } = await import("../../core/key-material.js");
    const { newKdfParams } = await import("../../keys/sources.js");
    const ctx = openContext(dirname(path));
    const loaded = await loadAgentFile(path, ctx.resolver);

    let secret = argv["new-key"];
    if (secret !== undefined) note("warning: a key given with --new-key is visible to other users in `ps` and stays in your shell history; prefer the prompt or stdin");
    else if (process.stdin.isTTY) {
      const { readHiddenLine } = await import("../../terminal/prompt.js");
      secret = await readHiddenLine("New passphrase (not shown): ");
      if ((await readHiddenLine("Again: ")) !== secret) throw new BackpackError("USAGE", "the two passphrases differ", "nothing was changed; run it again");
    } else {
      const { readStdin } = await import("../prompt.js");
      secret = await readStdin();
    }
    if (!secret) throw new BackpackError("USAGE", "the new key is empty", "nothing was changed; give a passphrase or an exported key (BACKPACK-KEY-1:...)");
    const newKey = resolveRepoKey(unlockKeyFromText(secret, newKdfParams(ctx.settings.kdf)));
    if (loaded.repoKey && loaded.repoKey.fingerprint === newKey.fingerprint) {
      throw new BackpackError("USAGE", "the new key is the key the file has now", "nothing was changed; give a different passphrase");
    }
    const options = { form: "stored" as const, repoKey: newKey };
    const original = readAgentFileText(path);
    const text = renderVerified(loaded.doc, options, name);
    // Outside any working tree (the file is outside git): next to the file.
    const backup = backupFile(path, ".rotate.bak");
    writeFileAtomic(path, text);
    if (!readsBackAs(readAgentFileText(path), loaded.doc, options, name)) {
      writeFileAtomic(path, original);
      throw new BackpackError("IO", `${name} did not read back with the new key; the old file was put back`, `check the disk; a copy is at ${backup}`);
    }
    done(`re-encrypted ${name} with the new key ${newKey.fingerprint}${loaded.form === "v1" ? " (now format 3: the Python tool cannot read it)" : ""}, verified`);
    done(`  backup (opens with the old key): ${backup}`);
    note(`next: set ${ctx.settings.masterKeyEnv} to the new ${newKey.kdf ? "passphrase" : "key"} wherever this agent runs; delete the backup once you have checked`);
  },
};
export default command;
