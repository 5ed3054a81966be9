import { addValueHint } from "../credential-hints.js";
import type { CommandModule } from "yargs";
import { paint, say } from "../../output/output.js";

interface InfoArgs {
  file: string;
  json?: boolean;
}

/** Bytes as "812 B" / "2.1 kB" / "3.4 MB". */
function size(bytes: number | undefined): string {
  if (bytes === undefined) return "?";
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `backpack info`: an agent.lock's name, form, key, layer sizes, credential names and memory size. */
const command: CommandModule<object, InfoArgs> = {
  command: "info [file]",
  describe: "Describe an agent.lock: name, form, key, layer sizes, credentials (names and where each comes from), memory",
  builder: (y) =>
    y
      .positional("file", { type: "string", default: "agent.lock", describe: "The agent.lock to describe" })
      .option("json", { type: "boolean", describe: "As JSON" }),
  handler: async (argv) => {
    const { describeAgent } = await import("../../agent-file/info.js");
    const { openRepositoryContext } = await import("../repository-context.js");
    const ctx = (await openRepositoryContext());
    const info = await describeAgent(argv.file, ctx, ctx.sources);
    if (argv.json) {
      say(JSON.stringify(info, null, 2));
      return;
    }
    const row = (label: string, text: string) => say(`  ${paint.dim(label.padEnd(12))} ${text}`);
    say(paint.bold(info.file));
    if (info.name !== undefined) row("agent", `${info.name}${info.template ? ` (template ${info.template})` : ""}`);
    if (info.description) row("description", info.description);
    const form = { working: "working form (plain JSON; git encrypts it on commit)", stored: "stored form (encrypted)", v1: "format 1.0 (Python tool; upgrade with `backpack migrate`)" }[info.form];
    row("form", form);
    const key = info.key.fingerprint ?? (info.form === "v1" ? "passphrase (AGENT_MASTER_KEY, else the Python default)" : "none");
    const locked = info.form === "v1" ? " (locked: not this passphrase)" : " (locked: no key at hand)";
    row("key", `${key}${info.key.unlocked ? "" : paint.yellow(locked)}`);
    const layers = info.layers.map((l) => `${l.layer} ${l.bytes !== undefined ? size(l.bytes) : `${size(l.encryptedBytes)} encrypted`}`);
    row("layers", layers.join(", "));
    if (!info.credentials) {
      const how = info.form === "v1" ? "set AGENT_MASTER_KEY to the passphrase the Python tool used" : "`backpack key import`, or set AGENT_MASTER_KEY";
      say(paint.dim(`  unlock it to see credential names and memory: ${how}`));
      return;
    }
    const width = Math.max(0, ...info.credentials.map((c) => c.name.length));
    info.credentials.forEach((c, i) => {
      const from = c.from === "missing" ? paint.yellow(`missing: ${addValueHint(c.name)}`) : c.from;
      say(`  ${paint.dim((i === 0 ? "credentials" : "").padEnd(12))} ${c.name.padEnd(width)}  ${from}`);
    });
    if (info.credentials.length === 0) row("credentials", "none");
    row("memory", `${info.memoryEntries} ${info.memoryEntries === 1 ? "entry" : "entries"}`);
  },
};
export default command;
