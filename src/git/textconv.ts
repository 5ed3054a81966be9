/**
 * `backpack git textconv <file> [--show-secrets]`: the diff driver's Node half.
 * git runs bin/textconv.sh (diff.backpack.textconv) for every agent.lock
 * version it shows in `git diff`, `git log -p` or `git show`; the script
 * prints what the filter process recorded for the version (render-cache.ts)
 * and starts this only for the rest (a working-tree file, a locked one, or
 * when credential values are asked for). Still the lightest entry in the
 * project: node:fs, the textconv core and the config table (the TOML parser
 * only when a config file exists; never zod). The format 1.0 reader
 * (zod, PBKDF2) is loaded only for a format 1.0 file.
 *
 * Embedded credential values show as fingerprints unless the user opts in:
 * --show-secrets (when run by hand), the setting textconv.show_secrets
 * (backpack.toml or the user's config), or BACKPACK_SHOW_SECRETS=1 for one
 * command (`BACKPACK_SHOW_SECRETS=1 git diff`).
 */
import { envKeySettings, loadConfigLazily } from "../config/effective.js";
import { workTreeTop } from "../config/paths.js";
import { type TextconvOptions, renderTextconv, renderWorking } from "../core/textconv.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { note } from "../output/output.js";
import { sanitize } from "../output/sanitize.js";
import { writeFully } from "./fd-io.js";
import { READ_LIMITS, readTextBounded } from "../io/bounded-read.js";

/**
 * What textconv reads from the configuration: whether the user asked to see
 * credential values, and the master key variable (for format 1.0 files).
 * The TOML parser is loaded only when a config file exists. git runs textconv
 * at the top of the working tree, where backpack.toml is.
 */
async function textconvSettings(args: string[], env: NodeJS.ProcessEnv): Promise<{ showSecrets: boolean; masterKeyEnv: string }> {
  const flag = args.includes("--show-secrets") ? true : undefined;
  try {
    const config = await loadConfigLazily(workTreeTop(process.cwd()), env, ["textconv.show_secrets", "master_key_env"]);
    return { showSecrets: flag ?? config.get("textconv.show_secrets") === true, masterKeyEnv: String(config.get("master_key_env")) };
  } catch (error) {
    // A broken config must not break `git diff`: redact (fail closed) and say why.
    note(`backpack: ${isBackpackError(error) ? error.message : "the configuration cannot be read"}; credential values stay redacted`);
    return { showSecrets: flag ?? false, masterKeyEnv: envKeySettings({}).masterKeyEnv };
  }
}

export async function textconv(args: string[]): Promise<number> {
  const file = args.find((arg) => !arg.startsWith("--"));
  if (!file) throw new BackpackError("USAGE", "textconv needs the file to render", "git runs it as `backpack git textconv <file>`");
  // git passes a temp file, or the working file itself (`git diff` of the working tree): bounded, special files refused.
  const text = readTextBounded(file, { limit: READ_LIMITS.agentLock, label: file, symlinks: "refuse" });
  const settings = await textconvSettings(args, process.env);
  const options: TextconvOptions = { showSecrets: settings.showSecrets };
  // Blocking write to fd 1: process.stdout would load Node's stream modules, on every file version git shows.
  // Sanitized: git's pager shows this on a terminal. For the JSON it renders, the escapes are JSON's own (the same text).
  const rendered = (await renderDecryptedV1(text, options, process.env[settings.masterKeyEnv])) ?? renderTextconv(text, options);
  writeFully(1, Buffer.from(sanitize(rendered), "utf8"));
  return 0;
}

/** A format 1.0 file decrypted with the master key variable's passphrase (or the Python tool's default), else undefined. */
async function renderDecryptedV1(text: string, options: TextconvOptions, passphrase: string | undefined): Promise<string | undefined> {
  if (!/"version"\s*:\s*"1\.0"/.test(text)) return undefined;
  const { parseAgentLock } = await import("../core/agent-lock.js");
  const { V1_DEFAULT_PASSPHRASE, decryptV1ToWorkingForm } = await import("../core/v1.js");
  try {
    const parsed = parseAgentLock(text);
    if (parsed.form !== "v1") return undefined;
    const doc = decryptV1ToWorkingForm(parsed.v1, passphrase || V1_DEFAULT_PASSPHRASE);
    return renderWorking(doc, "# agent.lock (format 1.0, decrypted; upgrade it with `backpack migrate`)", options);
  } catch {
    // Not decryptable here: renderTextconv shows it locked.
    return undefined;
  }
}
