import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { agentFileOption } from "../agent-file-option.js";
import { done, say } from "../../output/output.js";

interface PersonalityArgs {
  file: string;
  "system-prompt"?: string;
  tone?: string;
  set?: string[];
  unset?: string[];
}

/** Splits "key=value" into its parts (the value may contain "="). */
function splitAssignment(text: string): [string, string] {
  const at = text.indexOf("=");
  if (at <= 0) throw new BackpackError("USAGE", `--set needs key=value, got "${text}"`, "e.g. --set model=gpt-4o-mini or --set temperature=0.2");
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `backpack config personality`: show or change the agent's personality layer. */
const command: CommandModule<object, PersonalityArgs> = {
  command: "personality",
  describe: "Show or change the agent's personality (system prompt, tone, other settings)",
  builder: (y) =>
    y
      .option("file", agentFileOption)
      .option("system-prompt", { type: "string", describe: "The system prompt (AGENT_SYSTEM_PROMPT)" })
      .option("tone", { type: "string", describe: "The tone (AGENT_TONE)" })
      .option("set", { type: "string", array: true, describe: "key=value (value parsed as JSON when valid JSON); repeatable" })
      .option("unset", { type: "string", array: true, describe: "Remove a key; repeatable" })
      .example("$0 config personality --system-prompt 'You are a careful analyst' --tone formal", "")
      .example("$0 config personality --set temperature=0.2 --set model=gpt-4o-mini", ""),
  handler: async (argv) => {
    const { parseValueArgument, setKey } = await import("../json-argument.js");
    const changes: Array<[string, unknown]> = [];
    if (argv["system-prompt"] !== undefined) changes.push(["system_prompt", argv["system-prompt"]]);
    if (argv.tone !== undefined) changes.push(["tone", argv.tone]);
    for (const text of argv.set ?? []) {
      const [key, value] = splitAssignment(text);
      changes.push([key, parseValueArgument(value)]);
    }
    const removals = argv.unset ?? [];
    if (changes.length === 0 && removals.length === 0) {
      const { contextForFile } = await import("../../runtime/update.js");
      const { loadAgentFile } = await import("../../agent-file/agent-file.js");
      const loaded = await loadAgentFile(argv.file, contextForFile(argv.file).resolver);
      say(JSON.stringify(loaded.doc.personality, null, 2));
      return;
    }
    const { updateAgentFile, describeForm } = await import("../../runtime/update.js");
    const { form } = await updateAgentFile(argv.file, (doc) => {
      for (const key of removals) delete doc.personality[key];
      for (const [key, value] of changes) setKey(doc.personality, key, value);
    });
    const names = [...changes.map(([key]) => key), ...removals.map((key) => `-${key}`)];
    done(`personality updated in ${argv.file}: ${names.join(", ")} (${describeForm(form)})`);
  },
};
export default command;
