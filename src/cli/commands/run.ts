import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { agentFileOption } from "../agent-file-option.js";
import { note } from "../../output/output.js";

interface RunArgs {
  file: string;
  "non-interactive"?: boolean;
  "forget-consent"?: boolean;
  "pass-master-key"?: boolean;
  script?: boolean;
  "--"?: string[];
}

/** `backpack run`: run an agent with its credentials, personality and memory file injected. */
const command: CommandModule<object, RunArgs> = {
  command: "run",
  describe: "Run an agent (SCRIPT [ARGS], or -- CMD ARGS) with its credentials and personality injected",
  builder: (y) =>
    y
      .usage("$0 run [--non-interactive] SCRIPT [ARGS...]\n$0 run [--non-interactive] -- CMD [ARGS...]")
      .option("file", agentFileOption)
      .option("non-interactive", { type: "boolean", describe: "Never ask: inject every credential found (also with CI=true or AGENT_MASTER_KEY set)" })
      .option("forget-consent", { type: "boolean", describe: 'Forget the "always" answers given for this agent, and ask again' })
      .option("pass-master-key", {
        type: "boolean",
        describe: "Also hand the master key variable (AGENT_MASTER_KEY) to the agent; default: the run.pass_master_key setting (off): withheld",
      })
      .option("script", { type: "boolean", hidden: true })
      .example("$0 run agent.py", "python3 agent.py, with the agent's credentials injected")
      .example("$0 run -- npm start", "any command")
      .epilogue("Everything after SCRIPT (or after --) goes to the agent unchanged. See docs/run.md."),
  handler: async (argv) => {
    const words = argv["--"] ?? [];
    const { resolve } = await import("node:path");
    const file = resolve(argv.file);
    if (argv["forget-consent"]) {
      const { forgetConsent } = await import("../../runtime/consent.js");
      const forgot = await forgetConsent(file);
      note(forgot ? `forgot the remembered answers for ${argv.file}` : `no remembered answers for ${argv.file}`);
      if (words.length === 0) return;
    }
    const [first, ...rest] = words;
    if (first === undefined) {
      throw new BackpackError("USAGE", "name a script or a command to run", "`backpack run agent.py`, or `backpack run -- CMD ARGS`");
    }
    const { commandForScript, currentInterpreterEnvironment } = await import("../../runtime/interpreter.js");
    const line = argv.script ? commandForScript(first, rest, currentInterpreterEnvironment()) : { command: first, args: rest };
    const { planRun, isNonInteractive } = await import("../../runtime/plan.js");
    const { contextForFile } = await import("../../runtime/update.js");
    const ctx = contextForFile(file, process.env);
    const { askConsent } = await import("../consent-prompt.js");
    const { canPrompt } = await import("../terminal-prompt.js");
    const { loadConfig } = await import("../../config/load.js");
    const config = loadConfig({ repoRoot: ctx.repo?.root, lazy: true });
    const { MASTER_KEY_ENV } = await import("../../keys/env-source.js");
    const policy = {
      allowEnv: config.get("run.allow_env") as string[],
      passMasterKey: argv["pass-master-key"] ?? config.get("run.pass_master_key") === true,
      masterKeyEnv: [...new Set([MASTER_KEY_ENV, ctx.settings.masterKeyEnv])],
    };
    const plan = await planRun({
      policy,
      file,
      env: process.env,
      nonInteractive: isNonInteractive(argv["non-interactive"], process.env, ctx.settings.masterKeyEnv),
      ctx,
      ask: canPrompt() ? askConsent : undefined,
    });
    const { describeRunPlan } = await import("../run-report.js");
    for (const text of describeRunPlan(plan)) note(text);
    const { runChild } = await import("../../runtime/child.js");
    process.exitCode = await runChild(line, plan.env);
  },
};
export default command;
