import type { CommandModule } from "yargs";
import { done, note, paint } from "../../output/output.js";

interface SetupArgs {
  force?: boolean;
  diff?: "layers" | "plain";
  hook?: boolean;
  "pre-push"?: boolean;
  uninstall?: boolean;
  "store-key"?: boolean;
}

/** `backpack setup`: wire the repository (filters, drivers, .gitattributes, hook, key); `--uninstall` undoes it. */
const command: CommandModule<object, SetupArgs> = {
  command: "setup",
  describe: "Wire this git repository: filters, diff and merge drivers, .gitattributes, pre-commit (and --pre-push) hook, repo key",
  builder: (y) =>
    y
      .option("force", { type: "boolean", describe: "Replace git config values that backpack did not write" })
      .option("diff", {
        choices: ["layers", "plain"] as const,
        describe: "How git diff shows agent.lock: layers (decrypted, redacted) or plain (the raw working form: faster, nothing redacted)",
      })
      .option("hook", { type: "boolean", default: true, describe: "Install the pre-commit hook (--no-hook leaves it out)" })
      .option("pre-push", { type: "boolean", describe: "Install the pre-push hook too: `backpack verify` on the commits being pushed" })
      .option("uninstall", { type: "boolean", describe: "Lock the working copies and remove everything setup added" })
      .option("store-key", {
        type: "boolean",
        describe: "Save an exported key found only in AGENT_MASTER_KEY in your key store, so the repository works without the variable (default: yes, except with CI set)",
      })
      .example("$0 setup", "wire the repository you are in")
      .example("$0 setup --diff plain", "plain diffs: faster, but credential values show unredacted")
      .example("$0 setup --pre-push", "also refuse pushes of commits with an agent.lock that is not encrypted")
      .example("$0 setup --uninstall", "remove it again")
      .example("AGENT_MASTER_KEY=BACKPACK-KEY-1:... $0 setup --no-store-key", "use the key for this shell only (it stays needed in the environment)"),
  handler: async (argv) => {
    const { setup, uninstall } = await import("../../git/setup.js");
    const options = {
      cwd: process.cwd(),
      env: process.env,
      force: argv.force ?? false,
      hook: argv.hook !== false,
      prePush: argv["pre-push"] === true,
      ...(argv.diff ? { diff: argv.diff } : {}),
      ...(argv["store-key"] !== undefined ? { storeKey: argv["store-key"] } : {}),
    };
    const result = argv.uninstall ? await uninstall(options) : await setup(options);
    done(`${argv.uninstall ? "backpack setup --uninstall" : "backpack setup"} in ${result.root}`);
    for (const step of result.steps) {
      done(`  ${step.changed ? paint.green("+") : "="} ${step.what}`);
      for (const line of step.detail ?? []) done(`      ${line}`);
    }
    if (!result.steps.some((s) => s.changed || s.detail)) done("Nothing changed: already set up.");
    if (result.locked) {
      note(paint.yellow(`backpack: the agent.lock files stay locked: key ${result.locked.key} is not on this machine`));
      note(`hint: ${result.locked.hint}`);
    }
    for (const warning of result.hookWarnings ?? []) {
      note(paint.yellow(`backpack: ${warning.message}`));
      note(`hint: ${warning.hint}`);
    }
    for (const file of result.stranded ?? []) {
      note(paint.yellow(`backpack: ${file.message}`));
      note(`hint: ${file.hint}`);
    }
    for (const skipped of result.unlock?.skipped ?? []) note(paint.yellow(`backpack: ${skipped.path} left as it is: ${skipped.reason}`));
  },
};
export default command;
