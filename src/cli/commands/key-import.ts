import type { CommandModule } from "yargs";
import { BackpackError } from "../../errors/errors.js";
import { done, note, say } from "../../output/output.js";

interface KeyImportArgs {
  file?: string;
  "from-python"?: boolean;
  service?: string;
}

/**
 * `key import --from-python`: the Python tool's vault (OS keychain, service
 * backpack-agent) copied into this vault; names a shell cannot use, and
 * names this vault holds already, are left out and named.
 */
async function importFromPython(service: string): Promise<void> {
  const { readPythonVault } = await import("../../keys/python-keychain.js");
  const { Vault } = await import("../../keys/vault.js");
  const { CREDENTIAL_NAME } = await import("../../core/types.js");
  const { openContext } = await import("../../git/context.js");
  const { available, entries } = await readPythonVault(process.env, service);
  if (available !== true) {
    throw new BackpackError("KEYCHAIN", `cannot read the Python tool's vault: ${available}`, "the Python tool kept its keys in the OS keychain: run this where that keychain is unlocked");
  }
  if (entries.size === 0) return done(`the Python tool's vault (keychain service "${service}") holds no keys`);
  const vault = new Vault(openContext().sources);
  const have = new Set((await vault.list()).map((e) => e.name));
  const copied: string[] = [];
  for (const [name, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!CREDENTIAL_NAME.test(name)) {
      note(`backpack: left out ${JSON.stringify(name)}: not a name a shell can use; add it under a new one with \`backpack key add NEW_NAME\``);
    } else if (have.has(name)) {
      note(`backpack: left out ${name}: your vault holds it already (\`backpack key remove ${name}\` first to take the Python tool's value)`);
    } else {
      const store = await vault.add(name, value);
      copied.push(`${name} (${store} store)`);
    }
  }
  done(copied.length > 0 ? `imported from the Python tool's vault: ${copied.join(", ")}` : "imported nothing from the Python tool's vault");
  if (copied.length > 0) done(`  the Python tool's copies stay in keychain service "${service}" (it may still use them)`);
}

/** `backpack key import [FILE]`: store an exported key (from FILE, stdin, or a hidden prompt). */
const command: CommandModule<object, KeyImportArgs> = {
  command: "import [file]",
  describe: "Store a key exported with `backpack key export` (from FILE, stdin, or a hidden prompt)",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "A file holding the line; omit (or -) for stdin" })
      .option("from-python", { type: "boolean", describe: "Copy the keys of the Python backpack-agent's vault (OS keychain) into yours" })
      .option("service", { type: "string", default: "backpack-agent", describe: "With --from-python: the keychain service it used (the Python tool always used backpack-agent)" })
      .conflicts("from-python", "file")
      .example("$0 key import ~/backpack.key", "")
      .example("$0 key import --from-python", "the API keys you stored with the Python tool's `backpack key add`")
      .example("$0 key import", "paste the line at the hidden prompt"),
  handler: async (argv) => {
    if (argv["from-python"]) return importFromPython(argv.service ?? "backpack-agent");
    const { openRepositoryContext } = await import("../repository-context.js");
    const { importKey } = await import("../../git/key-transfer.js");
    let text: string;
    if (argv.file && argv.file !== "-") {
      const { readAgentFileText } = await import("../../agent-file/agent-file.js");
      text = readAgentFileText(argv.file);
    } else {
      const { readSecret } = await import("../prompt.js");
      text = await readSecret("Paste the exported key (not shown): ");
    }
    const result = await importKey((await openRepositoryContext()), text);
    say(`imported key ${result.fingerprint} into the ${result.store} store: ${result.role}`);
  },
};
export default command;
