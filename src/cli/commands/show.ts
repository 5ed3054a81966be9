import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { LAYER_NAMES, type LayerName } from "../../core/types.js";
import { say } from "../../output/output.js";

interface ShowArgs {
  file: string;
  json?: boolean;
  layer?: string;
  "show-secrets"?: boolean;
}

/** `backpack show`: print the decrypted layers (credential values redacted unless asked). */
const command: CommandModule<object, ShowArgs> = {
  command: "show [file]",
  describe: "Show an agent.lock's layers (either form; credential values redacted)",
  builder: (y) =>
    y
      .positional("file", { type: "string", default: "agent.lock", describe: "The agent.lock to read" })
      .option("json", { type: "boolean", describe: 'Print {"credentials","personality","memory"} as JSON, and nothing else' })
      .option("layer", { type: "string", choices: [...LAYER_NAMES], describe: "Only this layer" })
      .option("show-secrets", { type: "boolean", describe: "Print embedded credential values (careful: they appear on screen)" }),
  handler: async (argv) => {
    const { openRepositoryContext } = await import("../repository-context.js");
    const { loadAgentFile } = await import("../../agent-file/agent-file.js");
    const { redactCredentials } = await import("../../core/redact.js");
    const loaded = await loadAgentFile(argv.file, (await openRepositoryContext()).resolver);
    const doc = loaded.doc;
    const credentials = argv["show-secrets"] ? doc.credentials : redactCredentials(doc.credentials);
    const layers = { credentials, personality: doc.personality, memory: doc.memory };
    const wanted = (argv.layer ? [argv.layer] : LAYER_NAMES) as LayerName[];
    const sealed = doc.sealed ?? {};
    if (argv.json) {
      const out: Record<string, unknown> = {};
      // A sealed layer (a team layer you cannot open): its placeholder, as the working file shows it.
      for (const layer of wanted) out[layer] = sealed[layer] ? { sealed: true, readers: sealed[layer]?.readers ?? [] } : layers[layer];
      say(JSON.stringify(out, null, 2));
      return;
    }
    if (!argv.layer) {
      const form = { working: "working form (decrypted)", stored: `stored form (key ${loaded.stored?.key})`, v1: "format 1.0 (run `backpack migrate`)" }[loaded.form];
      say(`${argv.file}: ${form}${doc.agent?.name ? `, agent "${doc.agent.name}"` : ""}`);
    }
    for (const layer of wanted) {
      const closed = sealed[layer];
      if (closed) {
        say(`\n[${layer}] ${closed.readers?.length ? `sealed (readers: ${closed.readers.join(", ")})` : "sealed"}: you do not hold this layer's key`);
        continue;
      }
      say(`\n[${layer}]`);
      const entries = Object.entries(layers[layer]);
      if (entries.length === 0) say("  (empty)");
      for (const [key, value] of entries) say(`  ${key}: ${JSON.stringify(value)}`);
    }
    if (!argv.json && argv.layer && !LAYER_NAMES.includes(argv.layer as LayerName)) {
      throw new BackpackError("USAGE", `unknown layer ${argv.layer}`, `one of: ${LAYER_NAMES.join(", ")}`);
    }
  },
};
export default command;
