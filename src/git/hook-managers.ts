/**
 * Hook managers that own a repository's git hooks and rewrite the hooks
 * folder from their own config: lefthook (`lefthook install`) and
 * simple-git-hooks (`npx simple-git-hooks`). A hook backpack wrote into that
 * folder would be overwritten by the next install, so `backpack setup` writes
 * nothing there: it names the config file and the snippet to add to it.
 * (husky is different: its hook files are the committed config, so setup adds
 * its block to `.husky/pre-commit`; see hooks.ts.)
 *
 * The snippet runs the command `backpack setup` records in local git config
 * (`backpack.command`), as the husky block does: it is committed with the
 * config, so it holds no path of this machine and needs no `backpack` on
 * PATH, and it fails closed in a clone where backpack is not set up. It is
 * one subshell, so `other-check && <it>` chains safely, and BACKPACK_SKIP_HOOKS=1
 * skips it as it skips the hook setup installs.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { readTextIfExists } from "../io/read-if-exists.js";

/** A hook manager found in the repository, and the config file that says so. */
export interface HookManager {
  kind: "lefthook" | "simple-git-hooks";
  /** Absolute path of its config file (package.json for simple-git-hooks' key there). */
  config: string;
}

/**
 * The shell command every hook manager runs: backpack's staged check, through
 * `git config backpack.command` (what `backpack setup` wrote in this clone).
 */
export const MANAGED_HOOK_COMMAND =
  '( [ "${BACKPACK_SKIP_HOOKS:-}" = 1 ] && exit 0; ' +
  'cmd=$(git config --get backpack.command) || { echo "backpack: not set up in this clone: run backpack setup (or skip once with BACKPACK_SKIP_HOOKS=1)" >&2; exit 1; }; ' +
  'eval "set -- $cmd"; NODE_EXTRA_CA_CERTS= "$@" git pre-commit )';

/** lefthook's config file names, in the order lefthook reads them (https://lefthook.dev/configuration/). */
const LEFTHOOK_CONFIGS = ["yml", "yaml", "json", "jsonc", "toml"].flatMap((ext) => [`lefthook.${ext}`, `.lefthook.${ext}`, `.config/lefthook.${ext}`]);

/** simple-git-hooks' config files, in the order it reads them; then the "simple-git-hooks" key of package.json. */
const SIMPLE_GIT_HOOKS_CONFIGS = [
  ".simple-git-hooks.cjs",
  ".simple-git-hooks.js",
  ".simple-git-hooks.mjs",
  "simple-git-hooks.cjs",
  "simple-git-hooks.js",
  "simple-git-hooks.mjs",
  ".simple-git-hooks.json",
  "simple-git-hooks.json",
];

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** True when package.json at the top has a "simple-git-hooks" key (an unreadable one has none). */
function packageJsonHasKey(root: string): boolean {
  const text = readTextIfExists(join(root, "package.json"), { within: root });
  if (text === undefined) return false;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null && Object.hasOwn(parsed, "simple-git-hooks");
  } catch {
    return false;
  }
}

/** The hook manager configured at the top of the repository, if any (lefthook first). */
export function detectHookManager(root: string): HookManager | undefined {
  for (const name of LEFTHOOK_CONFIGS) {
    const config = join(root, name);
    if (isFile(config)) return { kind: "lefthook", config };
  }
  for (const name of SIMPLE_GIT_HOOKS_CONFIGS) {
    const config = join(root, name);
    if (isFile(config)) return { kind: "simple-git-hooks", config };
  }
  if (packageJsonHasKey(root)) return { kind: "simple-git-hooks", config: join(root, "package.json") };
  return undefined;
}

/** True when the manager's config already runs backpack's check. */
export function managerRunsBackpack(manager: HookManager): boolean {
  const text = readTextIfExists(manager.config, { within: dirname(manager.config) }) ?? "";
  return text.includes("backpack") && text.includes("git pre-commit");
}

/** The lines to add to the manager's config, in its format, and the command that applies them. */
export function managerSnippet(manager: HookManager): { lines: string[]; apply: string } {
  const command = JSON.stringify(MANAGED_HOOK_COMMAND);
  if (manager.kind === "lefthook") {
    const ext = manager.config.slice(manager.config.lastIndexOf(".") + 1);
    const apply = "npx lefthook install";
    if (ext === "json" || ext === "jsonc") return { lines: [`"pre-commit": { "commands": { "backpack": { "run": ${command} } } }`], apply };
    if (ext === "toml") return { lines: ["[pre-commit.commands.backpack]", `run = ${command}`], apply };
    return { lines: ["pre-commit:", "  commands:", "    backpack:", `      run: ${command}`], apply };
  }
  const apply = "npx simple-git-hooks";
  if (manager.config.endsWith("package.json") || manager.config.endsWith(".json")) return { lines: [`"pre-commit": ${command}`], apply };
  return { lines: [`"pre-commit": ${command},`], apply };
}
