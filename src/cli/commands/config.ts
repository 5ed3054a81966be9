import type { Argv } from "yargs";
import { commandGroup } from "../command-group.js";
import { done, say } from "../../output/output.js";
import personality from "./config-personality.js";

interface ConfigArgs {
  name?: string;
  value?: string;
  user?: boolean;
  origin?: boolean;
  json?: boolean;
}

/** Loads the config for the current directory (repository file included when inside one). */
async function load() {
  const { findRepo } = await import("../../git/repo.js");
  const { loadConfig, REPO_CONFIG_FILE, userConfigPath } = await import("../../config/load.js");
  const repo = findRepo(process.cwd());
  return { config: loadConfig({ repoRoot: repo?.root }), repoRoot: repo?.root, REPO_CONFIG_FILE, userConfigPath };
}

function format(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

/** The file `set`/`unset` write: the repository's backpack.toml inside a repository, else (or with --user) the user's. */
async function targetFile(user: boolean | undefined, name: string): Promise<string> {
  const { repoRoot, REPO_CONFIG_FILE, userConfigPath } = await load();
  const { settingSpec } = await import("../../config/settings.js");
  // A setting that runs commands or chooses where keys come from is never the repository's.
  if (user || !repoRoot || settingSpec(name)?.userOnly) return userConfigPath();
  const { join } = await import("node:path");
  return join(repoRoot, REPO_CONFIG_FILE);
}

const subcommands = (y: Argv<object>) =>
  y
    .command<ConfigArgs>(
      "get <name>",
      "Print one setting's effective value",
      (b) => b.positional("name", { type: "string", describe: "Dotted setting name, e.g. scan.allow_paths" }),
      async (argv) => {
        say(format((await load()).config.get(argv.name as string)));
      },
    )
    .command<ConfigArgs>(
      "set <name> <value>",
      "Set a setting in backpack.toml (or the user config with --user)",
      (b) =>
        b
          .positional("name", { type: "string" })
          .positional("value", { type: "string", describe: "Lists are comma-separated" })
          .option("user", { type: "boolean", describe: "Write the user config instead of the repository's backpack.toml" }),
      async (argv) => {
        const { writeSetting } = await import("../../config/write.js");
        const file = await targetFile(argv.user, argv.name as string);
        const value = writeSetting(file, argv.name as string, String(argv.value));
        done(`${argv.name} = ${format(value)} (${file})`);
      },
    )
    .command<ConfigArgs>(
      "unset <name>",
      "Remove a setting from backpack.toml (or the user config with --user)",
      (b) => b.positional("name", { type: "string" }).option("user", { type: "boolean", describe: "Edit the user config" }),
      async (argv) => {
        const { writeSetting } = await import("../../config/write.js");
        const file = await targetFile(argv.user, argv.name as string);
        writeSetting(file, argv.name as string, undefined);
        done(`${argv.name} unset (${file})`);
      },
    )
    .command<ConfigArgs>(
      "list",
      "Print every setting's effective value",
      (b) =>
        b
          .option("origin", { type: "boolean", describe: "Also show where each value comes from (flag, environment, repository, user, default)" })
          .option("json", { type: "boolean", describe: "As JSON" }),
      async (argv) => {
        const { config } = await load();
        if (argv.json) {
          const out: Record<string, unknown> = {};
          for (const [name, entry] of config.entries()) out[name] = argv.origin ? entry : entry.value;
          say(JSON.stringify(out, null, 2));
          return;
        }
        for (const [name, entry] of config.entries()) {
          const origin = argv.origin ? `\t${entry.origin}${entry.where ? ` (${entry.where})` : ""}` : "";
          say(`${name} = ${format(entry.value)}${origin}`);
        }
      },
    )
    .command(personality);

/** `backpack config`: read and write settings (backpack.toml and the user config). */
export default commandGroup("config", "Read and write settings (backpack.toml in the repository, or the user config)", "get, set, unset, list or personality", subcommands);
