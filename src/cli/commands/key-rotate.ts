import type { CommandModule } from "yargs";
import { note, say } from "../../output/output.js";

interface KeyRotateArgs {
  "forget-old"?: boolean;
}

/** `backpack key rotate`: a new repository key; every agent.lock re-encrypted, all or nothing. */
const command: CommandModule<object, KeyRotateArgs> = {
  command: "rotate",
  describe: "Make a new repository key and re-encrypt every agent.lock with it (the old key is kept as a backup)",
  builder: (y) =>
    y.option("forget-old", {
      type: "boolean",
      describe: "Delete the old key from your key stores afterwards (commits made before stay encrypted with it, and then unreadable here)",
    }),
  handler: async (argv) => {
    const { openContext } = await import("../../git/context.js");
    const { describeFinished, finishRotation, rotateRepoKey } = await import("../../git/rotate.js");
    const { progressReporter } = await import("../../terminal/progress.js");
    const ctx = openContext();
    // An interrupted rotation is finished, not started over: that is the rotation the user asked for.
    const finished = await finishRotation(ctx);
    if (finished) {
      say(describeFinished(finished));
      if (finished.outcome === "finished") {
        note("run `backpack key rotate` again for another new key; next: give the new key to your team and CI (`backpack key export`)");
        return;
      }
    }
    const progress = progressReporter("re-encrypting");
    const r = await rotateRepoKey(finished ? openContext() : ctx, { forgetOld: argv["forget-old"], onProgress: progress.report }).finally(() => progress.done());
    say(`new repository key ${r.newFingerprint} (in the ${r.store} store; git config backpack.key updated)`);
    for (const file of r.files) say(`  ${file.path}: ${file.action}${file.note ? ` (${file.note})` : ""}`);
    if (r.files.length === 0) say("  no agent.lock files in this repository");
    if (r.restaged.length) say(`staged again with the new key: ${r.restaged.join(", ")} (commit them to finish)`);
    if (r.oldFingerprints.length) {
      if (r.forgotten.length) say(`forgot the old key ${r.forgotten.join(", ")}: commits made before are no longer readable on this machine`);
      const kept = r.oldFingerprints.filter((fp) => !r.forgotten.includes(fp));
      if (kept.length) say(`kept the old key ${kept.join(", ")} as a backup (earlier commits are encrypted with it); add --forget-old to a rotation to delete the key it replaces`);
      for (const reason of r.kept) note(`kept ${reason}`);
    }
    if (r.leftPassphrase) note("note: this repository used a passphrase (backpack.kdf); the new key is random, so the passphrase no longer unlocks it");
    note("next: give the new key to your team and CI (`backpack key export`); the old exported key opens only older commits");
  },
};
export default command;
