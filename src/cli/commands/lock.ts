import type { CommandModule } from "yargs";
import { done } from "../../output/output.js";

/** `backpack lock`: re-encrypt the working copies of all tracked agent.lock files in place. */
const command: CommandModule = {
  command: "lock",
  describe: "Re-encrypt the working copies of all tracked agent.lock files in place (git status stays clean)",
  handler: async () => {
    const { requireRepo } = await import("../../git/repo.js");
    const { lockWorkingCopies } = await import("../../git/lock.js");
    const repo = requireRepo(process.cwd());
    const { progressReporter } = await import("../../terminal/progress.js");
    const progress = progressReporter("locking");
    const report = await lockWorkingCopies(repo, process.env, { onProgress: progress.report }).finally(() => progress.done());
    done(report.changed.length > 0 ? `locked ${report.changed.length} file(s): ${report.changed.join(", ")}` : "nothing to lock");
    if (report.conflicted?.length) done(`locked with their conflict markers (unresolved merge): ${report.conflicted.join(", ")}; \`backpack unlock\` shows them again`);
    if (report.renderingsRemoved) done("deleted the diff renderings kept for git log -p (.git/backpack/textconv)");
    if (report.notesRemoved) done("deleted refs/notes/textconv/backpack (it held plaintext); run `git gc --prune=now` to purge its objects");
  },
};
export default command;
