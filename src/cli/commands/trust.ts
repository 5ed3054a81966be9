import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { note, say } from "../../output/output.js";

interface TrustArgs {
  revoke?: boolean;
  list?: boolean;
}

/**
 * `backpack trust`: let this repository's backpack.toml set the settings a
 * repository may not set on its own (log_file, textconv.show_secrets, ...),
 * bound to the file's content, like `direnv allow`. `--revoke` forgets it,
 * `--list` shows every trusted repository and whether its file changed.
 */
const command: CommandModule<object, TrustArgs> = {
  command: "trust",
  describe: "Trust this repository's backpack.toml (bound to its content) to set restricted settings; --revoke, --list",
  builder: (y) =>
    y
      .option("revoke", { type: "boolean", describe: "Stop trusting this repository's backpack.toml" })
      .option("list", { type: "boolean", describe: "List the trusted repositories, and whether each file changed since" })
      .conflicts("revoke", "list")
      .example("$0 trust", "after reading backpack.toml: apply its restricted settings here")
      .epilogue("A change to backpack.toml needs trusting again. Which settings a repository may set: docs/configuration.md."),
  handler: async (argv) => {
    const { configHash, readTrustStore, revokeTrust, trustRepository } = await import("../../config/trust.js");
    const { existsSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { REPO_CONFIG_FILE } = await import("../../config/paths.js");
    if (argv.list) {
      const { readTextBoundedIfExists, READ_LIMITS } = await import("../../io/bounded-read.js");
      const entries = Object.entries(readTrustStore());
      if (entries.length === 0) say("no trusted repositories");
      for (const [root, entry] of entries.sort(([a], [b]) => a.localeCompare(b))) {
        let state: string;
        try {
          const text = readTextBoundedIfExists(join(root, REPO_CONFIG_FILE), { limit: READ_LIMITS.config });
          state = text === undefined ? "backpack.toml is gone" : configHash(text) === entry.sha256 ? "trusted" : "changed since: not trusted until `backpack trust` again";
        } catch {
          state = "backpack.toml cannot be read";
        }
        say(`${root}  ${state} (since ${entry.trustedAt})`);
      }
      return;
    }
    const { findRepo } = await import("../../git/repo.js");
    const repo = findRepo(process.cwd());
    if (!repo) throw new BackpackError("GIT", "backpack trust works inside a git repository", "run it at the top of the repository whose backpack.toml you trust");
    if (argv.revoke) {
      say(revokeTrust(repo.root) ? `no longer trusting ${join(repo.root, REPO_CONFIG_FILE)}` : `${repo.root} was not trusted`);
      return;
    }
    const path = join(repo.root, REPO_CONFIG_FILE);
    if (!existsSync(path)) throw new BackpackError("NOT_FOUND", `${path} does not exist`, "there is nothing to trust: settings from your own config already apply");
    const { readTextBounded, READ_LIMITS } = await import("../../io/bounded-read.js");
    const text = readTextBounded(path, { limit: READ_LIMITS.config, label: path, symlinks: "refuse" });
    // Checked as the loader reads it: a file that does not parse, or sets a user-only setting, is not trusted.
    const { readConfigFile, restrictedSettingsIn } = await import("../../config/load.js");
    const file = readConfigFile(path, "repository");
    const { getFromFile } = await import("../../config/settings.js");
    const restricted = restrictedSettingsIn(file);
    const hash = trustRepository(repo.root, text);
    say(`trusted ${path} (sha256 ${hash.slice(0, 12)}); a change to it needs \`backpack trust\` again`);
    if (restricted.length === 0) note("it sets no restricted setting: trust changes nothing until it does");
    for (const name of restricted) say(`  ${name} = ${JSON.stringify(getFromFile(file, name))}`);
  },
};
export default command;
