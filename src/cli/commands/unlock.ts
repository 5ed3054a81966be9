import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { done, note, paint } from "../../output/output.js";

interface UnlockArgs {
  "key-file"?: string;
  "store-key"?: boolean;
}

/** `backpack unlock`: decrypt the working copies of all tracked agent.lock files in place. */
const command: CommandModule<object, UnlockArgs> = {
  command: "unlock",
  describe: "Decrypt the working copies of all tracked agent.lock files in place (git status stays clean)",
  builder: (y) =>
    y
      .option("key-file", { type: "string", describe: "A file holding the key (BACKPACK-KEY-1:...) or passphrase; the key is then saved in your key store" })
      .option("store-key", {
        type: "boolean",
        describe: "Save a key found only in AGENT_MASTER_KEY in your key store, so git works here without the variable (default: yes, except with CI set)",
      })
      .example("$0 unlock", "with the key from AGENT_MASTER_KEY (then saved in your key store), the keychain or the file store")
      .example("$0 unlock --key-file ~/team.key", "with a key a teammate exported"),
  handler: async (argv) => {
    const { requireRepo } = await import("../../git/repo.js");
    const { unlockWorkingCopies } = await import("../../git/lock.js");
    const repo = requireRepo(process.cwd());
    if (!repo.wired) throw new BackpackError("USAGE", "this repository is not set up: unlocked files would be committed in plaintext", "run `backpack setup` first");
    const { progressReporter } = await import("../../terminal/progress.js");
    const progress = progressReporter("unlocking");
    const report = await unlockWorkingCopies(repo, process.env, {
      ...(argv["key-file"] ? { keyFile: argv["key-file"] } : {}),
      ...(argv["store-key"] !== undefined ? { storeKey: argv["store-key"] } : {}),
      onProgress: progress.report,
    }).finally(() => progress.done());
    for (const imported of report.imported ?? []) done(`saved key ${imported.fingerprint} in the ${imported.store} store`);
    if (report.envOnly) {
      const why = report.envOnly.why === "ci" ? "CI is set" : "--no-store-key";
      note(paint.yellow(`backpack: key ${report.envOnly.fingerprints.join(", ")} is only in ${report.envOnly.variable} (not saved: ${why}): keep it set wherever git runs here, or git status and checkout fail`));
    }
    // One outcome: files without a key make this an error (exit 5), never "nothing to unlock" as well.
    if (report.changed.length > 0) done(`unlocked ${report.changed.length} file(s): ${report.changed.join(", ")}`);
    else if (report.noKey.length === 0) done(report.unchanged.length > 0 ? "nothing to unlock" : "nothing to unlock: no agent.lock is tracked here");
    if (report.unchanged.length > 0) done(`already unlocked: ${report.unchanged.join(", ")}`);
    for (const s of report.skipped) note(paint.yellow(`backpack: ${s.path} left as it is: ${s.reason}`));
    if (report.noKey.length > 0) {
      const keys = [...new Set(report.noKey.map((n) => n.key))].join(", ");
      const what = report.changed.length > 0 ? `${report.noKey.length} file(s) stay locked` : `nothing unlocked: ${report.noKey.length} file(s) stay locked`;
      throw new BackpackError("NO_KEY", `${what}: no key at hand for key ${keys} (${report.noKey.map((n) => n.path).join(", ")})`, report.unlockHint);
    }
  },
};
export default command;
