import type { CommandModule } from "yargs";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { BackpackError } from "../../errors/errors.js";
import { done } from "../../output/output.js";
import { agentFileOption } from "../agent-file-option.js";

interface KeyRenameArgs {
  old: string;
  new: string;
  file: string;
}

/**
 * `backpack key rename OLD NEW`: renames a credential in agent.lock and in
 * your vault. The way to give a name the Python tool accepted (a leading
 * digit, letters outside ASCII, a dash) a shell-safe one.
 */
const command: CommandModule<object, KeyRenameArgs> = {
  command: "rename <old> <new>",
  describe: "Rename a credential in agent.lock and in your vault (e.g. a name from the Python tool that a shell cannot use)",
  builder: (y) =>
    y
      .positional("old", { type: "string", demandOption: true, describe: "The credential's name now" })
      .positional("new", { type: "string", demandOption: true, describe: "The new name: letters, digits and _, not starting with a digit" })
      .option("file", agentFileOption)
      .example("$0 key rename 2FA_SECRET TOTP_SECRET", "a name a shell cannot use as a variable"),
  handler: async (argv) => {
    const { assertCredentialName, Vault } = await import("../../keys/vault.js");
    const { CREDENTIAL_NAME } = await import("../../core/types.js");
    const { openContext } = await import("../../git/context.js");
    const from = String(argv.old);
    const to = String(argv.new);
    assertCredentialName(to);
    if (from === to) throw new BackpackError("USAGE", `${from} already has that name`, "name a different new name");
    const path = resolve(argv.file);
    let inFile = false;
    if (existsSync(path)) {
      const { updateAgentFile, describeForm } = await import("../../runtime/update.js");
      const { form, result } = await updateAgentFile(path, (doc) => {
        const entry = doc.credentials[from];
        if (entry === undefined) return false;
        if (doc.credentials[to] !== undefined) {
          throw new BackpackError("USAGE", `${argv.file} already has a credential named ${to}`, `remove one of them first (edit ${argv.file}, or \`backpack key rename ${to} ...\`)`);
        }
        // Keep the order of the names, with the new one where the old one was.
        doc.credentials = Object.fromEntries(Object.entries(doc.credentials).map(([name, value]) => (name === from ? [to, value] : [name, value])));
        return true;
      });
      inFile = result;
      if (inFile) done(`renamed ${from} to ${to} in ${argv.file} (${describeForm(form)})`);
    }
    // The vault only ever holds shell-safe names (key add checks them).
    let inVault = false;
    if (CREDENTIAL_NAME.test(from)) {
      const vault = new Vault(openContext().sources);
      const value = await vault.get(from);
      if (value !== undefined) {
        if ((await vault.get(to)) !== undefined) throw new BackpackError("USAGE", `your vault already holds ${to}`, `remove it first with \`backpack key remove ${to}\``);
        const store = await vault.add(to, value);
        await vault.remove(from);
        inVault = true;
        done(`renamed ${from} to ${to} in your vault (${store} store)`);
      }
    }
    if (!inFile && !inVault) {
      throw new BackpackError("NOT_FOUND", `no credential named ${from} in ${argv.file} or your vault`, "see the names with `backpack show --layer credentials` and `backpack key list`");
    }
  },
};
export default command;
