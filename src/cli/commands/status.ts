import type { CommandModule } from "yargs";
import { say } from "../../output/output.js";

interface StatusArgs {
  json?: boolean;
}

const LABELS = {
  locked: "locked",
  unlocked: "unlocked",
  "format-1.0": "format 1.0",
  invalid: "invalid",
  missing: "missing",
  "not-checked-out": "not checked out",
} as const;

/** `backpack status`: per tracked agent.lock, locked or unlocked, modified or not, and how to unlock. */
const command: CommandModule<object, StatusArgs> = {
  command: "status",
  describe: "Say, per tracked agent.lock, whether it is locked or unlocked (and how to unlock)",
  builder: (y) => y.option("json", { type: "boolean", describe: "Print the status as JSON" }),
  handler: async (argv) => {
    const { requireRepo } = await import("../../git/repo.js");
    const { repoStatus } = await import("../../git/status.js");
    const repo = requireRepo(process.cwd());
    const status = await repoStatus(repo, process.env);
    if (argv.json) {
      say(JSON.stringify(status, null, 2));
      return;
    }
    say(`${status.root}: ${status.wired ? "wired by backpack setup" : "not set up"}${status.key ? `, key ${status.key.fingerprint} ${status.key.atHand ? "at hand" : "NOT on this machine"}` : ""}`);
    if (status.files.length === 0) say("  no agent.lock files are tracked");
    const width = Math.max(...status.files.map((f) => LABELS[f.state].length), 0);
    for (const file of status.files) {
      const extra = [file.modified ? "modified" : "", file.state === "locked" && !file.keyAtHand ? `key ${file.key} not at hand` : "", file.problem ?? ""].filter(Boolean).join("; ");
      say(`  ${LABELS[file.state].padEnd(width)}  ${file.path}${extra ? `  (${extra})` : ""}`);
    }
    if (status.hint) say(`hint: ${status.hint}`);
  },
};
export default command;
