import type { CommandModule } from "yargs";
import { color, say } from "../../output/output.js";

interface LogArgs {
  file?: string;
  layer?: string;
  key?: string;
  rev?: string;
  "max-count"?: number;
  json?: boolean;
  "show-secrets"?: boolean;
}

const COLORS = { heading: 1, section: 36, added: 32, removed: 31, changed: 33, context: 0 } as const;

/** Control characters (but tab) as \u escapes: author names, subjects and memory text come from the repository. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `backpack log [FILE]`: the history of one agent, per layer and per key. */
const command: CommandModule<object, LogArgs> = {
  command: "log [file]",
  describe: "Show the history of one agent.lock, commit by commit, per layer and per key",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "The agent.lock to follow (default: agent.lock here)" })
      .option("layer", { type: "string", choices: ["agent", "credentials", "personality", "memory"], describe: "Only changes to this layer" })
      .option("key", { type: "string", describe: 'Only changes to this key and what is under it: a dotted path inside the layer (facts, user.name, settings."top.p")' })
      .option("rev", { type: "string", describe: "Where the history starts (default: HEAD)" })
      .option("max-count", { alias: "n", type: "number", describe: "Look at this many commits at most (those that changed the file)" })
      .option("json", { type: "boolean", describe: "Print the history as JSON" })
      .option("show-secrets", {
        type: "boolean",
        describe: "Show embedded credential values instead of fingerprints (careful: they appear on screen); default: the textconv.show_secrets setting",
      })
      .example("$0 log", "every commit that changed ./agent.lock, and what it changed")
      .example("$0 log --layer personality --key tone", "when did the tone change")
      .example("$0 log --key facts --json", "how one memory entry evolved, for scripts"),
  handler: async (argv) => {
    const { BackpackError } = await import("../../errors/errors.js");
    const { openContext } = await import("../../git/context.js");
    const { readAgentHistory, repositoryPath } = await import("../../git/history.js");
    const { historyEntries, jsonChanges, parseKeyPath } = await import("../../core/history.js");
    const { formatDocumentDiff } = await import("../../core/layer-diff.js");
    const ctx = openContext();
    if (!ctx.repo) throw new BackpackError("GIT", "backpack log works inside a git repository", "run it in the repository that holds the agent.lock");
    const key = argv.key === undefined ? undefined : parseKeyPath(argv.key);
    if (argv.key !== undefined && !key) throw new BackpackError("USAGE", `--key ${JSON.stringify(argv.key)} is not a dotted path`, 'e.g. --key facts, --key user.name, --key settings."top.p"');
    if (argv["max-count"] !== undefined && !(Number.isInteger(argv["max-count"]) && argv["max-count"] > 0)) {
      throw new BackpackError("USAGE", "--max-count needs a whole number above 0", "e.g. -n 20");
    }
    const { loadConfig } = await import("../../config/load.js");
    // The flag wins either way (--no-show-secrets too); else the setting git diff's textconv uses.
    const showSecrets = argv["show-secrets"] ?? loadConfig({ repoRoot: ctx.repo.root, lazy: true }).get("textconv.show_secrets") === true;
    const path = repositoryPath(process.cwd(), argv.file ?? "agent.lock");
    const versions = await readAgentHistory(ctx.repo.root, path, ctx.resolver, {
      ...(argv.rev === undefined ? {} : { rev: argv.rev }),
      ...(argv["max-count"] === undefined ? {} : { maxCount: argv["max-count"] }),
    });
    if (versions.length === 0) {
      throw new BackpackError("USAGE", `no commit${argv.rev ? ` reachable from ${argv.rev}` : ""} changes ${path}`, "name a committed agent.lock (see `git ls-files '*agent.lock'`)");
    }
    const entries = historyEntries(versions, { ...(argv.layer ? { layer: argv.layer as "memory" } : {}), ...(key ? { key } : {}) });
    if (argv.json) {
      const out = entries.map((e) => ({ ...e.meta, file: e.file, changes: jsonChanges(e.sections, showSecrets) }));
      say(JSON.stringify({ path, commits: out }, null, 2));
      return;
    }
    const paint = (kind: keyof typeof COLORS, text: string) => (COLORS[kind] ? color(process.stdout, COLORS[kind], text) : text);
    if (entries.length === 0) say(`no commit changed ${[argv.layer, argv.key].filter(Boolean).join(" ") || "anything"} in ${path}`);
    for (const [i, entry] of entries.entries()) {
      if (i > 0) say("");
      const { commit, date, author, subject } = entry.meta;
      const what = entry.file === "changed" ? "" : ` (${path} ${entry.file})`;
      say(paint("heading", printable(`${commit.slice(0, 12)} ${date.slice(0, 10)} ${author}: ${subject}${what}`)));
      for (const line of formatDocumentDiff(entry.sections, { showSecrets })) say(`  ${paint(line.kind, printable(line.text))}`);
    }
  },
};
export default command;
