import type { CommandModule } from "yargs";
import { color, say } from "../../output/output.js";

interface DiffArgs {
  revs?: string[];
  "show-secrets"?: boolean;
}

const COLORS = { heading: 1, section: 36, added: 32, removed: 31, changed: 33, context: 0 } as const;

/** `backpack diff [REV [REV]]`: what changed in each agent.lock, per layer and per key. */
const command: CommandModule<object, DiffArgs> = {
  command: "diff [revs..]",
  describe: "Summarise what changed in each agent.lock, per layer and per key (HEAD vs working tree, REV vs working tree, or REV vs REV)",
  builder: (y) =>
    y
      .positional("revs", { type: "string", array: true, describe: "Up to two revisions: none compares HEAD with the working tree" })
      .option("show-secrets", {
        type: "boolean",
        describe: "Show embedded credential values instead of fingerprints (careful: they appear on screen); default: the textconv.show_secrets setting",
      })
      .example("$0 diff", "HEAD against the working tree")
      .example("$0 diff main~3 main", "between two commits"),
  handler: async (argv) => {
    const { openRepositoryContext } = await import("../repository-context.js");
    const { diffRevisions } = await import("../../git/revision-diff.js");
    const { formatDocumentDiff, isUnchanged } = await import("../../core/layer-diff.js");
    const { BackpackError } = await import("../../errors/errors.js");
    const ctx = (await openRepositoryContext());
    if (!ctx.repo) throw new BackpackError("GIT", "backpack diff works inside a git repository", "run it in the repository, or use `backpack show` on a file");
    const { loadConfig } = await import("../../config/load.js");
    // The flag wins either way (--no-show-secrets too); else the setting git diff's textconv uses.
    const showSecrets = argv["show-secrets"] ?? loadConfig({ repoRoot: ctx.repo.root, lazy: true }).get("textconv.show_secrets") === true;
    const result = await diffRevisions(ctx.repo.root, argv.revs ?? [], ctx.resolver);
    const range = `${result.beforeLabel} → ${result.afterLabel}`;
    if (result.files.length === 0) say(`no agent.lock in ${result.beforeLabel} or ${result.afterLabel}`);
    const paint = (kind: keyof typeof COLORS, text: string) => (COLORS[kind] ? color(process.stdout, COLORS[kind], text) : text);
    for (const file of result.files) {
      const state = !file.before ? `added (${range})` : !file.after ? `removed (${range})` : isUnchanged(file.sections) ? `unchanged (${range})` : range;
      say(paint("heading", `${file.path}: ${state}`));
      if (file.before && file.after && isUnchanged(file.sections)) continue;
      for (const line of formatDocumentDiff(file.sections, { showSecrets })) say(`  ${paint(line.kind, line.text)}`);
    }
  },
};
export default command;
