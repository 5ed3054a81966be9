import type { CommandModule } from "yargs";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { BackpackError } from "../../errors/errors.js";
import { done, note } from "../../output/output.js";

interface InitArgs {
  file: string;
  credentials?: string;
  personality?: string;
  tone?: string;
  name?: string;
  force?: boolean;
}

/** `backpack init`: create a new agent.lock (working form in a wired repo, stored form elsewhere). */
const command: CommandModule<object, InitArgs> = {
  command: "init [file]",
  describe: "Create a new agent.lock",
  builder: (y) =>
    y
      .positional("file", { type: "string", default: "agent.lock", describe: "Path of the agent.lock to create" })
      .option("credentials", { type: "string", describe: "Comma-separated credential names, e.g. OPENAI_API_KEY,GITHUB_TOKEN" })
      .option("personality", { type: "string", describe: "The system prompt (default: \"You are a helpful AI assistant.\")" })
      .option("tone", { type: "string", describe: "The tone, e.g. formal (default: professional)" })
      .option("name", { type: "string", describe: "The agent's name" })
      .option("force", { type: "boolean", describe: "Replace an existing file (a backup is kept)" })
      .example("$0 init --credentials OPENAI_API_KEY --personality 'You are a helpful assistant'", ""),
  handler: async (argv) => {
    const { DEFAULT_PERSONALITY, createAgentDocument, parseCredentialNames } = await import("../../agent-file/init.js");
    const { openRepositoryContext } = await import("../repository-context.js");
    const { saveOptionsFor } = await import("../../agent-file/agent-file.js");
    const { saveAgentFile } = await import("../../agent-file/agent-file.js");
    const { backupOutsideWorkTree } = await import("../../agent-file/backup.js");
    const path = resolve(argv.file);
    const names = parseCredentialNames(argv.credentials);
    if (existsSync(path)) {
      if (!argv.force) {
        throw new BackpackError("USAGE", `${argv.file} already exists`, "use --force to replace it (a backup is kept), or edit it with `backpack config`");
      }
    }
    const doc = createAgentDocument({ credentials: names, systemPrompt: argv.personality ?? DEFAULT_PERSONALITY.systemPrompt, tone: argv.tone ?? DEFAULT_PERSONALITY.tone, name: argv.name });
    const ctx = await openRepositoryContext();
    const options = await saveOptionsFor(ctx, undefined, path);
    // Inside a repository the backup goes to the git dir: the file replaced may be plaintext.
    if (existsSync(path)) note(`kept a backup: ${backupOutsideWorkTree(ctx.repo, path)}`);
    saveAgentFile(path, doc, options);
    done(`created ${argv.file} (${options.form === "working" ? "working form; git encrypts it on commit" : "encrypted"})`);
    if (ctx.repo && !ctx.wired) {
      note(`note: this git repository is not set up yet, so ${argv.file} is encrypted with your own key; \`backpack setup\` gives the repository a key of its own and moves the file to it`);
    }
    if (names.length) done(`credentials: ${names.join(", ")} - add values with \`backpack key add NAME\``);
    const { riskyNameWarning } = await import("../../runtime/inject.js");
    for (const name of names) {
      const risky = riskyNameWarning(name);
      if (risky) note(risky);
    }
  },
};
export default command;
