/**
 * Installing the pre-commit hook where git will run it, never clobbering one
 * that is there:
 *
 * - husky (a `.husky/` folder, and core.hooksPath unset or inside it): our
 *   block is appended to `.husky/pre-commit` (created if absent). That file is
 *   committed, so the block finds backpack through local git config
 *   (`backpack.command`), never through a path of this machine.
 * - otherwise the folder git uses (`git rev-parse --git-path hooks`, which
 *   honours core.hooksPath): our script is written as `pre-commit`; a hook
 *   already there is kept, renamed `pre-commit.pre-backpack`, and run first.
 * - lefthook or simple-git-hooks (their config at the top): nothing is
 *   written; those tools rewrite the hooks folder from their config, so the
 *   report names the config file and the snippet to add (hook-managers.ts).
 *
 * - a core.hooksPath from the global or system config (or `git -c`): that
 *   folder is shared by every repository on the machine, and a hook there
 *   that needs backpack breaks commits everywhere else; nothing is written,
 *   and setup says what to do (docs/git.md, "A shared hooks folder").
 *
 * A `.husky/` folder with core.hooksPath unset is husky before `npm install`:
 * the block goes into `.husky/` (committed), but git runs none of it yet, and
 * the target says so (`inactive`) for setup's report and doctor.
 *
 * `setup --pre-push` installs the pre-push hook by the same rules (with a hook
 * manager, the user adds it to the manager's config).
 *
 * The block itself lives in the package's hooks/<name>, between marker
 * lines, so it can be found and removed exactly.
 */
import { chmodSync, existsSync, readFileSync, realpathSync, statSync, unlinkSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { renameDurable, writeFileAtomic } from "../io/atomic-write.js";
import type { SymlinkPolicy } from "../io/bounded-read.js";
import { readTextIfExists } from "../io/read-if-exists.js";
import { gitText } from "./exec.js";
import { type HookManager, detectHookManager, managerRunsBackpack, managerSnippet } from "./hook-managers.js";
import type { InstallLocation } from "./install-location.js";

/** The hooks backpack installs: pre-commit always, pre-push with `setup --pre-push`. */
export type HookName = "pre-commit" | "pre-push";

const BEGIN = "# >>> backpack-agent pre-commit >>>";
const END = "# <<< backpack-agent pre-commit <<<";
const markers = (name: HookName) => (name === "pre-commit" ? { begin: BEGIN, end: END } : { begin: `# >>> backpack-agent ${name} >>>`, end: `# <<< backpack-agent ${name} <<<` });
/** The name an existing hook is kept under while ours runs it. */
export const CHAINED_SUFFIX = ".pre-backpack";

export interface HookTarget {
  kind: "husky" | "hooks-dir" | "shared" | HookManager["kind"];
  /** Absolute path of the hook file (for lefthook and simple-git-hooks: of their config file). */
  path: string;
  /** Why git will not run this file now (husky before `npm install`), if so. */
  inactive?: string;
  /** For "shared": the config scope core.hooksPath comes from (global, system, command). */
  scope?: string;
}

/**
 * What installing or removing did, for the report. "manual": a hook manager
 * owns the hooks and its config lacks our command (the user adds the
 * snippet); "configured": its config runs it already; "left": its config
 * runs it, and only the user removes it from there. "shared": nothing
 * written, the folder is shared by every repository (see HookTarget).
 */
export type HookChange = "installed" | "updated" | "appended" | "chained" | "unchanged" | "removed" | "restored" | "absent" | "manual" | "configured" | "left" | "shared";

/** What to add to a hook manager's config (set with the "manual" change). */
export interface HookSnippet {
  lines: string[];
  apply: string;
}

/** The block from hooks/<name> (markers included). */
function hookBlock(location: InstallLocation, name: HookName = "pre-commit"): string {
  const { begin, end: endMarker } = markers(name);
  const template = readFileSync(join(location.root, "hooks", name), "utf8");
  const start = template.indexOf(begin);
  const end = template.indexOf(endMarker);
  if (start < 0 || end < 0) throw new BackpackError("INTERNAL", `hooks/${name} lacks its marker lines`);
  return template.slice(start, end + endMarker.length) + "\n";
}

/**
 * The whole script for a hooks folder: run a chained hook first, then ours.
 * A pre-push hook reads the refs being pushed on stdin: the script keeps them
 * (backpack_push_refs) and gives the chained hook a copy.
 */
function hookScript(location: InstallLocation, name: HookName = "pre-commit"): string {
  const chainedRun =
    name === "pre-push"
      ? [`backpack_push_refs=$(cat)`, `if [ -x "$chained" ]; then printf '%s\\n' "$backpack_push_refs" | "$chained" "$@" || exit $?; fi`]
      : [`if [ -x "$chained" ]; then "$chained" "$@" || exit $?; fi`];
  return [
    "#!/bin/sh",
    `# A ${name} hook that was here before backpack is kept as ${name}${CHAINED_SUFFIX} and runs first.`,
    `chained="$(dirname "$0")/${name}${CHAINED_SUFFIX}"`,
    ...chainedRun,
    hookBlock(location, name),
  ].join("\n");
}

/**
 * core.hooksPath and the config scope it comes from (`git config
 * --show-scope`: "local", "worktree", "global", "system", "command").
 */
function hooksPathSetting(root: string): { value: string; scope: string } | undefined {
  const out = gitText(["config", "--show-scope", "--get", "core.hooksPath"], { cwd: root, allowFail: true });
  const tab = out.indexOf("\t");
  if (!out || tab < 0) return undefined;
  return { scope: out.slice(0, tab), value: out.slice(tab + 1) };
}

/** Where the hook `name` goes in the repository at `root`. */
export function hookTarget(root: string, name: HookName = "pre-commit"): HookTarget {
  const husky = join(root, ".husky");
  const hooksPath = hooksPathSetting(root);
  if (hooksPath && hooksPath.scope !== "local" && hooksPath.scope !== "worktree") {
    // A folder every repository on the machine shares: never ours to write.
    const dir = resolve(root, hooksPath.value.replace(/^~(?=\/|$)/, process.env.HOME ?? "~"));
    return { kind: "shared", path: join(dir, name), scope: hooksPath.scope };
  }
  const hooksPathAbs = hooksPath ? resolve(root, hooksPath.value) : undefined;
  const insideHusky = hooksPathAbs !== undefined && !relative(husky, hooksPathAbs).startsWith("..") && !isAbsolute(relative(husky, hooksPathAbs));
  if (existsSync(husky) && statSync(husky).isDirectory() && (!hooksPathAbs || insideHusky)) {
    const target: HookTarget = { kind: "husky", path: join(husky, name) };
    if (!hooksPathAbs) {
      target.inactive = "husky is not active in this clone yet (core.hooksPath is not set; husky's `prepare` script sets it on `npm install`), so git runs no hook from .husky/";
    }
    return target;
  }
  const manager = detectHookManager(root);
  if (manager) return { kind: manager.kind, path: manager.config };
  // Run at the top: a relative core.hooksPath is relative to where hooks run (the top).
  const dir = resolve(root, gitText(["rev-parse", "--git-path", "hooks"], { cwd: root }));
  return { kind: "hooks-dir", path: join(dir, name) };
}

/**
 * How a symlinked hook file is read: a husky hook or a manager's config came
 * with the clone, so only to a file inside the repository (a link to
 * `~/.aws/credentials` would be copied into the hook you commit); a hook in
 * the git dir or a shared folder is your own, followed.
 */
function hookSymlinks(root: string, target: HookTarget): SymlinkPolicy {
  return target.kind === "husky" || target.kind === "lefthook" || target.kind === "simple-git-hooks" ? { within: root } : "follow";
}

/** INVALID_FILE when the repository's `.husky` folder is a link out of it: a hook would be written there. */
function assertHuskyInside(root: string, target: HookTarget): void {
  if (target.kind !== "husky") return;
  const folder = dirname(target.path);
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return; // not there: nothing is written through it
  }
  const rel = relative(realpathSync(root), real);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new BackpackError("INVALID_FILE", `${folder} is a symbolic link out of the repository; no hook is written through it`, "a folder from a repository may not point outside it: replace the link with the folder itself");
  }
}

/** Installs (or keeps) the hook; never overwrites a hook that is not ours, never writes into a shared folder. */
export function installHook(root: string, location: InstallLocation, name: HookName = "pre-commit"): { target: HookTarget; change: HookChange; snippet?: HookSnippet } {
  const target = hookTarget(root, name);
  if (target.kind === "shared") return { target, change: "shared" };
  if (target.kind === "lefthook" || target.kind === "simple-git-hooks") {
    const manager = { kind: target.kind, config: target.path };
    // The managers' snippets are for pre-commit; a pre-push check is added to their config by hand (docs/hooks.md).
    if (name !== "pre-commit") return { target, change: "manual" };
    return managerRunsBackpack(manager) ? { target, change: "configured" } : { target, change: "manual", snippet: managerSnippet(manager) };
  }
  assertHuskyInside(root, target);
  const { begin: BEGIN } = markers(name);
  const current = readTextIfExists(target.path, hookSymlinks(root, target));
  if (target.kind === "husky") {
    const block = hookBlock(location, name);
    if (current?.includes(BEGIN)) {
      if (current.includes(block)) return { target, change: "unchanged" };
      writeFileAtomic(target.path, replaceBlock(current, block, name));
      return { target, change: "updated" };
    }
    if (current === undefined) {
      writeFileAtomic(target.path, block, { mode: 0o755 });
      return { target, change: "installed" };
    }
    writeFileAtomic(target.path, `${current}${current.endsWith("\n") ? "" : "\n"}\n${block}`);
    return { target, change: "appended" };
  }
  const script = hookScript(location, name);
  if (current === script) return { target, change: "unchanged" };
  mkdirSync(resolve(target.path, ".."), { recursive: true });
  if (current !== undefined && !current.includes(BEGIN)) {
    const chained = target.path + CHAINED_SUFFIX;
    if (existsSync(chained)) {
      throw new BackpackError("USAGE", `cannot chain the existing hook ${target.path}: ${chained} exists too`, "merge or remove one of them, then run `backpack setup` again");
    }
    renameDurable(target.path, chained);
    try {
      writeFileAtomic(target.path, script, { mode: 0o755 });
    } catch (error) {
      renameDurable(chained, target.path); // the user's hook back where it was
      throw error;
    }
    chmodSync(target.path, 0o755);
    return { target, change: "chained" };
  }
  writeFileAtomic(target.path, script, { mode: 0o755 });
  chmodSync(target.path, 0o755);
  return { target, change: current === undefined ? "installed" : "updated" };
}

function replaceBlock(text: string, block: string, name: HookName = "pre-commit"): string {
  const { begin: BEGIN, end: END } = markers(name);
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  return text.slice(0, start) + block + text.slice(end + END.length + (text[end + END.length] === "\n" ? 1 : 0));
}

/** Removes our hook, or our block from a husky hook; puts a chained hook back. */
export function uninstallHook(root: string, name: HookName = "pre-commit"): { target: HookTarget; change: HookChange } {
  const target = hookTarget(root, name);
  if (target.kind === "shared") return { target, change: "absent" };
  if (target.kind === "lefthook" || target.kind === "simple-git-hooks") {
    if (name !== "pre-commit") return { target, change: "absent" };
    return { target, change: managerRunsBackpack({ kind: target.kind, config: target.path }) ? "left" : "absent" };
  }
  assertHuskyInside(root, target);
  const { begin: BEGIN } = markers(name);
  const current = readTextIfExists(target.path, hookSymlinks(root, target));
  if (target.kind === "husky") {
    if (!current?.includes(BEGIN)) return { target, change: "absent" };
    // Our block, and the blank line put before it when it was appended.
    const rest = replaceBlock(current, "", name).replace(/\n\n$/, "\n");
    if (rest.trim() === "") unlinkSync(target.path);
    else writeFileAtomic(target.path, rest);
    return { target, change: "removed" };
  }
  if (current === undefined || !current.includes(BEGIN)) return { target, change: "absent" };
  unlinkSync(target.path);
  const chained = target.path + CHAINED_SUFFIX;
  if (existsSync(chained)) {
    renameDurable(chained, target.path);
    return { target, change: "restored" };
  }
  return { target, change: "removed" };
}

/**
 * True when the hook file holds our block, but not as this backpack would
 * write it (an older backpack's, or a newer one's): it still runs the check,
 * and `backpack setup` rewrites it ("updated"). False for a hook manager's
 * config and a shared folder, whose lines are the user's.
 */
export function hookDiffers(root: string, location: InstallLocation, name: HookName = "pre-commit", target: HookTarget = hookTarget(root, name)): boolean {
  if (target.kind !== "husky" && target.kind !== "hooks-dir") return false;
  const text = readTextIfExists(target.path, hookSymlinks(root, target));
  if (!text?.includes(markers(name).begin)) return false;
  // Our block only: lines a user added around it are theirs.
  return !text.includes(hookBlock(location, name));
}

/**
 * True when the hook file holds our block (or a hook manager's config runs
 * our pre-commit check). For a shared folder: when its hook runs backpack
 * through `backpack.command` (the lines docs/git.md gives). Whether git runs
 * the file at all is `hookTarget(...).inactive`.
 */
export function hookInstalled(root: string, name: HookName = "pre-commit"): boolean {
  const target = hookTarget(root, name);
  if (target.kind === "lefthook" || target.kind === "simple-git-hooks") return name === "pre-commit" && managerRunsBackpack({ kind: target.kind, config: target.path });
  const text = readTextIfExists(target.path, hookSymlinks(root, target));
  if (target.kind === "shared") return text?.includes("backpack.command") ?? false;
  return text?.includes(markers(name).begin) ?? false;
}
