import type { CommandModule } from "yargs";
import { note, paint, say } from "../../output/output.js";

interface DoctorArgs {
  json?: boolean;
  fix?: boolean;
}

/** `backpack doctor`: key sources and which answer, the keychain, Node.js, formats; each problem with its fix. */
const command: CommandModule<object, DoctorArgs> = {
  command: "doctor",
  describe: "Check the setup: key sources (in order) and which answer, the keychain, Node.js, formats; exits 1 on a problem",
  builder: (y) =>
    y
      .option("json", { type: "boolean", describe: "Print the findings as JSON" })
      .option("fix", { type: "boolean", describe: "Repair what can be repaired safely first: finish an interrupted key rotation" }),
  handler: async (argv) => {
    const { openContext } = await import("../../git/context.js");
    const { hasProblems, runDoctor } = await import("../../doctor/doctor.js");
    // A broken config file is one of doctor's findings (the config check names it); the context goes on with the defaults.
    let ctx = openContext();
    if (argv.fix) {
      const { describeFinished, finishRotation } = await import("../../git/rotate.js");
      const finished = await finishRotation(ctx);
      if (finished) {
        note(describeFinished(finished));
        ctx = openContext();
      }
    }
    const checks = await runDoctor({ ...ctx, env: process.env });
    const failed = hasProblems(checks);
    if (argv.json) {
      say(JSON.stringify({ ok: !failed, checks }, null, 2));
    } else {
      const width = Math.max(...checks.map((c) => c.label.length));
      for (const c of checks) {
        const mark = c.ok ? paint.green("ok") : c.advisory ? paint.yellow("!!") : paint.red("XX");
        say(`${mark}  ${c.label.padEnd(width)}  ${c.detail}`);
        if (!c.ok && c.fix) say(`${" ".repeat(width + 6)}fix: ${c.fix}`);
      }
      const problems = checks.filter((c) => !c.ok && !c.advisory).length;
      say(problems ? `\n${problems} problem(s) found` : "\nno problems found");
    }
    if (failed) process.exitCode = 1;
  },
};
export default command;
