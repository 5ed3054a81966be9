import type { Argv } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { agentFileOption } from "../agent-file-option.js";
import { commandGroup } from "../command-group.js";
import { done, say } from "../../output/output.js";

interface MemoryArgs {
  file: string;
  key?: string;
  value?: string;
  string?: boolean;
  raw?: boolean;
  yes?: boolean;
}

/** Loads the agent.lock for reading. */
async function load(file: string) {
  const { contextForFile } = await import("../../runtime/update.js");
  const { loadAgentFile } = await import("../../agent-file/agent-file.js");
  return loadAgentFile(file, contextForFile(file).resolver);
}

/** Changes the memory layer under the file's lock; says in which form it was written. */
async function change(file: string, mutate: (memory: Record<string, unknown>) => void): Promise<string> {
  const { updateAgentFile, describeForm } = await import("../../runtime/update.js");
  const { form } = await updateAgentFile(file, (doc) => mutate(doc.memory));
  return describeForm(form);
}

const subcommands = (y: Argv<object>) =>
  y
    .option("file", agentFileOption)
    .command<MemoryArgs>(
      "show [key]",
      "Print the memory (or one key) as JSON",
      (b) =>
        b
          .positional("key", { type: "string", describe: "Only this top-level key" })
          .option("raw", { type: "boolean", describe: "Print a string value without JSON quotes (as jq -r does)" }),
      async (argv) => {
        const memory = (await load(argv.file)).doc.memory;
        if (argv.key === undefined) return say(JSON.stringify(memory, null, 2));
        if (!Object.hasOwn(memory, argv.key)) {
          throw new BackpackError("NOT_FOUND", `memory has no key ${argv.key}`, "see the keys with `backpack memory show`");
        }
        // JSON, so "42" (a string) and 42 (a number) read differently; --raw prints a string bare.
        const value = memory[argv.key];
        say(argv.raw && typeof value === "string" ? value : JSON.stringify(value, null, 2));
      },
    )
    .command<MemoryArgs>(
      "set <key> <value>",
      "Set one top-level key (VALUE is parsed as JSON when it is valid JSON, else kept as a string)",
      (b) =>
        b
          .positional("key", { type: "string" })
          .positional("value", { type: "string" })
          .option("string", { type: "boolean", describe: "Keep VALUE as a string even when it looks like JSON" })
          .example("$0 memory set last_run 2025-01-01", "a string")
          .example("$0 memory set counters '{\"runs\": 3}'", "an object"),
      async (argv) => {
        const { parseValueArgument, setKey } = await import("../json-argument.js");
        const key = String(argv.key);
        const value = parseValueArgument(String(argv.value), argv.string);
        const form = await change(argv.file, (memory) => {
          setKey(memory, key, value);
        });
        done(`memory.${key} set in ${argv.file} (${form})`);
      },
    )
    .command<MemoryArgs>(
      "unset <key>",
      "Remove one top-level key",
      (b) => b.positional("key", { type: "string" }),
      async (argv) => {
        const key = String(argv.key);
        let found = false;
        const form = await change(argv.file, (memory) => {
          found = Object.hasOwn(memory, key);
          delete memory[key];
        });
        if (!found) throw new BackpackError("NOT_FOUND", `memory has no key ${key}`, "see the keys with `backpack memory show`");
        done(`memory.${key} removed from ${argv.file} (${form})`);
      },
    )
    .command<MemoryArgs>(
      "clear",
      "Empty the memory (asks first; --yes when not in a terminal)",
      (b) => b.option("yes", { alias: "y", type: "boolean", describe: "Do not ask" }),
      async (argv) => {
        if (!argv.yes) {
          const { canPrompt, confirm } = await import("../terminal-prompt.js");
          if (!canPrompt()) throw new BackpackError("USAGE", "memory clear needs --yes when it cannot ask", "run `backpack memory clear --yes`");
          if (!confirm(`Clear all memory in ${argv.file}?`)) {
            done("memory kept");
            return;
          }
        }
        const form = await change(argv.file, (memory) => {
          for (const key of Object.keys(memory)) delete memory[key];
        });
        done(`memory cleared in ${argv.file} (${form})`);
      },
    );

/** `backpack memory`: read and change the agent's memory layer. */
export default commandGroup("memory", "Show or change the agent's memory (show, set, unset, clear)", "show, set, unset or clear", subcommands);
