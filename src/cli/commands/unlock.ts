import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { done, note, paint } from "../../output/output.js";

interface UnlockArgs {
  "key-file"?: string;
}

/** `backpack unlock`: decrypt the working copies of all tracked agent.lock files in place. */
const command: CommandModule<object, UnlockArgs> = {
  command: "unlock",
  describe: "Decrypt the working copies of all tracked agent.lock files in place (git status stays clean)",
  builder: (y) =>
    y
      .option("key-file", { type: "string", describe: "A file holding the key (BACKPACK-KEY-1:...) or passphrase; the key is then saved in your key store" })
      .example("$0 unlock", "with the key from AGENT_MASTER_KEY, the keychain or the file store")
      .example("$0 unlock --key-file ~/team.key", "with a key a teammate exported"),
  handler: async (argv) => {
    const { requireRepo } = await import("../../git/repo.js");
    const { unlockWorkingCopies } = await import("../../git/lock.js");
    const repo = requireRepo(process.cwd());
    if (!repo.wired) throw new BackpackError("USAGE", "this repository is not set up: unlocked files would be committed in plaintext", "run `backpack setup` first");
    const { progressReporter } = await import("../../terminal/progress.js");
    const progress = progressReporter("unlocking");
    const report = await unlockWorkingCopies(repo, process.env, { ...(argv["key-file"] ? { keyFile: argv["key-file"] } : {}), onProgress: progress.report }).finally(() => progress.done());
    for (const imported of report.imported ?? []) done(`saved key ${imported.fingerprint} in the ${imported.store} store`);
    done(report.changed.length > 0 ? `unlocked ${report.changed.length} file(s): ${report.changed.join(", ")}` : "nothing to unlock");
    if (report.unchanged.length > 0) done(`already unlocked: ${report.unchanged.join(", ")}`);
    for (const s of report.skipped) note(paint.yellow(`backpack: ${s.path} left as it is: ${s.reason}`));
    if (report.noKey.length > 0) {
      const keys = [...new Set(report.noKey.map((n) => n.key))].join(", ");
      throw new BackpackError("NO_KEY", `${report.noKey.length} file(s) stay locked: no key at hand for key ${keys} (${report.noKey.map((n) => n.path).join(", ")})`, report.unlockHint);
    }
  },
};
export default command;
