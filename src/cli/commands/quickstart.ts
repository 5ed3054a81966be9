import type { CommandModule } from "yargs";
import type { StarterLanguage } from "../../templates/starter.js";

interface QuickstartArgs {
  dir: string;
  name?: string;
  credentials?: string;
  "system-prompt"?: string;
  tone?: string;
  template?: string;
  lang?: StarterLanguage;
  force?: boolean;
  "non-interactive"?: boolean;
}

/** `backpack quickstart`: a wizard that writes agent.lock and a starter script. */
const command: CommandModule<object, QuickstartArgs> = {
  command: "quickstart",
  describe: "Set up an agent step by step: agent.lock and a starter script (or a template)",
  builder: (y) =>
    y
      .option("name", { type: "string", describe: "The agent's name" })
      .option("credentials", { type: "string", describe: "Comma-separated credential names, e.g. OPENAI_API_KEY,GITHUB_TOKEN (empty for none)" })
      .option("system-prompt", { type: "string", describe: "The system prompt" })
      .option("tone", { type: "string", describe: "The tone, e.g. friendly (empty for none)" })
      .option("template", { type: "string", describe: "Start from a template (see `backpack template list`)" })
      .option("lang", { type: "string", choices: ["py", "js"] as const, describe: "Starter script: agent.py or agent.js (without --template)" })
      .option("dir", { type: "string", default: ".", describe: "Folder to create the agent in (created if needed)" })
      .option("force", { type: "boolean", describe: "Replace existing files (a backup of each is kept)" })
      .option("non-interactive", { type: "boolean", describe: "Ask nothing: take flags and defaults (also when CI is set)" })
      .example("$0 quickstart", "answer a few questions")
      .example("$0 quickstart --non-interactive --name support-bot --credentials OPENAI_API_KEY --lang js", "no questions"),
  handler: async (argv) => {
    const { runQuickstart } = await import("../quickstart.js");
    const { createPrompter } = await import("../../terminal/prompt.js");
    const { userTemplateDirHere } = await import("../../templates/catalog.js");
    const ask = createPrompter({ nonInteractive: argv["non-interactive"] });
    try {
      await runQuickstart(
        {
          dir: argv.dir,
          name: argv.name,
          credentials: argv.credentials,
          systemPrompt: argv["system-prompt"],
          tone: argv.tone,
          template: argv.template,
          lang: argv.lang,
          force: argv.force,
          userTemplateDir: userTemplateDirHere(),
        },
        ask,
      );
    } finally {
      ask.close();
    }
  },
};
export default command;
