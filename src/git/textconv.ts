/**
 * `backpack git textconv <file> [--show-secrets]`: the diff driver git runs
 * (diff.backpack.textconv) for every agent.lock version it shows in `git diff`,
 * `git log -p` or `git show`. git starts one process per file version and has
 * no long-running protocol for textconv, so this is the lightest entry in the
 * project: node:fs and the textconv core, nothing else. The format 1.0 reader
 * (zod, PBKDF2) is loaded only for a format 1.0 file.
 *
 * Embedded credential values show as fingerprints unless the user opts in:
 * --show-secrets in the textconv command, the setting textconv.show_secrets
 * (backpack.toml or the user's config), or BACKPACK_SHOW_SECRETS=1 for one
 * command (`BACKPACK_SHOW_SECRETS=1 git diff`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_CONFIG_FILE, userConfigPath } from "../config/paths.js";
import { type TextconvOptions, renderTextconv, renderWorking } from "../core/textconv.js";
import { BackpackError, isBackpackError } from "../errors.js";

/**
 * True when the user asked to see credential values in diffs. The config
 * loader (zod, TOML) is loaded only when the variable is set or a config file
 * mentions the setting: most runs read two small files, or none, and stop.
 * git runs textconv at the top of the working tree, where backpack.toml is.
 */
async function showSecretsWanted(args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  if (args.includes("--show-secrets")) return true;
  const repoRoot = process.cwd();
  const mentioned = (path: string) => {
    try {
      return readFileSync(path, "utf8").includes("show_secrets");
    } catch {
      return false;
    }
  };
  if (env.BACKPACK_SHOW_SECRETS === undefined && ![join(repoRoot, REPO_CONFIG_FILE), userConfigPath(env)].some(mentioned)) return false;
  const { loadConfig } = await import("../config/load.js");
  try {
    return loadConfig({ repoRoot, env }).get("textconv.show_secrets") === true;
  } catch (error) {
    // A broken config must not break `git diff`: redact (fail closed) and say why.
    process.stderr.write(`backpack: ${isBackpackError(error) ? error.message : "the configuration cannot be read"}; credential values stay redacted\n`);
    return false;
  }
}

export default async function textconv(args: string[]): Promise<number> {
  const file = args.find((arg) => !arg.startsWith("--"));
  if (!file) throw new BackpackError("USAGE", "textconv needs the file to render", "git runs it as `backpack git textconv <file>`");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new BackpackError("IO", `cannot read ${file} (${code})`, "git passes the file to render; check that it exists");
  }
  const options: TextconvOptions = { showSecrets: await showSecretsWanted(args, process.env) };
  process.stdout.write((await renderDecryptedV1(text, options)) ?? renderTextconv(text, options));
  return 0;
}

/** A format 1.0 file decrypted with AGENT_MASTER_KEY (or the Python tool's default), else undefined. */
async function renderDecryptedV1(text: string, options: TextconvOptions): Promise<string | undefined> {
  if (!/"version"\s*:\s*"1\.0"/.test(text)) return undefined;
  const { parseAgentLock } = await import("../core/agent-lock.js");
  const { V1_DEFAULT_PASSPHRASE, decryptV1ToWorkingForm } = await import("../core/v1.js");
  try {
    const parsed = parseAgentLock(text);
    if (parsed.form !== "v1") return undefined;
    const doc = decryptV1ToWorkingForm(parsed.v1, process.env.AGENT_MASTER_KEY || V1_DEFAULT_PASSPHRASE);
    return renderWorking(doc, "# agent.lock (format 1.0, decrypted; upgrade it with `backpack migrate`)", options);
  } catch {
    // Not decryptable here: renderTextconv shows it locked.
    return undefined;
  }
}
