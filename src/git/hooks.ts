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
 * The block itself lives in the package's hooks/pre-commit, between marker
 * lines, so it can be found and removed exactly.
 */
import { chmodSync, existsSync, readFileSync, statSync, unlinkSync, mkdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { renameDurable, writeFileAtomic } from "../io/atomic-write.js";
import { readTextIfExists } from "../io/read-if-exists.js";
import { gitText } from "./exec.js";
import { type HookManager, detectHookManager, managerRunsBackpack, managerSnippet } from "./hook-managers.js";
import type { InstallLocation } from "./install-location.js";

const BEGIN = "# >>> backpack-agent pre-commit >>>";
const END = "# <<< backpack-agent pre-commit <<<";
/** The name an existing hook is kept under while ours runs it. */
export const CHAINED_SUFFIX = ".pre-backpack";

export interface HookTarget {
  kind: "husky" | "hooks-dir" | HookManager["kind"];
  /** Absolute path of the pre-commit file (for lefthook and simple-git-hooks: of their config file). */
  path: string;
}

/**
 * What installing or removing did, for the report. "manual": a hook manager
 * owns the hooks and its config lacks our command (the user adds the
 * snippet); "configured": its config runs it already; "left": its config
 * runs it, and only the user removes it from there.
 */
export type HookChange = "installed" | "updated" | "appended" | "chained" | "unchanged" | "removed" | "restored" | "absent" | "manual" | "configured" | "left";

/** What to add to a hook manager's config (set with the "manual" change). */
export interface HookSnippet {
  lines: string[];
  apply: string;
}

/** The block from hooks/pre-commit (markers included). */
function hookBlock(location: InstallLocation): string {
  const template = readFileSync(join(location.root, "hooks", "pre-commit"), "utf8");
  const start = template.indexOf(BEGIN);
  const end = template.indexOf(END);
  if (start < 0 || end < 0) throw new BackpackError("INTERNAL", "hooks/pre-commit lacks its marker lines");
  return template.slice(start, end + END.length) + "\n";
}

/** The whole script for a hooks folder: run a chained hook first, then ours. */
function hookScript(location: InstallLocation): string {
  return [
    "#!/bin/sh",
    `# A pre-commit hook that was here before backpack is kept as pre-commit${CHAINED_SUFFIX} and runs first.`,
    `chained="$(dirname "$0")/pre-commit${CHAINED_SUFFIX}"`,
    `if [ -x "$chained" ]; then "$chained" "$@" || exit $?; fi`,
    hookBlock(location),
  ].join("\n");
}

/** Where the pre-commit hook goes in the repository at `root`. */
export function hookTarget(root: string): HookTarget {
  const husky = join(root, ".husky");
  const hooksPath = gitText(["config", "--get", "core.hooksPath"], { cwd: root, allowFail: true });
  const hooksPathAbs = hooksPath ? resolve(root, hooksPath) : undefined;
  const insideHusky = hooksPathAbs !== undefined && !relative(husky, hooksPathAbs).startsWith("..") && !isAbsolute(relative(husky, hooksPathAbs));
  if (existsSync(husky) && statSync(husky).isDirectory() && (!hooksPathAbs || insideHusky)) {
    return { kind: "husky", path: join(husky, "pre-commit") };
  }
  const manager = detectHookManager(root);
  if (manager) return { kind: manager.kind, path: manager.config };
  // Run at the top: a relative core.hooksPath is relative to where hooks run (the top).
  const dir = resolve(root, gitText(["rev-parse", "--git-path", "hooks"], { cwd: root }));
  return { kind: "hooks-dir", path: join(dir, "pre-commit") };
}

/** Installs (or keeps) the hook; never overwrites a hook that is not ours. */
export function installHook(root: string, location: InstallLocation): { target: HookTarget; change: HookChange; snippet?: HookSnippet } {
  const target = hookTarget(root);
  if (target.kind === "lefthook" || target.kind === "simple-git-hooks") {
    const manager = { kind: target.kind, config: target.path };
    return managerRunsBackpack(manager) ? { target, change: "configured" } : { target, change: "manual", snippet: managerSnippet(manager) };
  }
  const current = readTextIfExists(target.path);
  if (target.kind === "husky") {
    const block = hookBlock(location);
    if (current?.includes(BEGIN)) {
      if (current.includes(block)) return { target, change: "unchanged" };
      writeFileAtomic(target.path, replaceBlock(current, block));
      return { target, change: "updated" };
    }
    if (current === undefined) {
      writeFileAtomic(target.path, block, { mode: 0o755 });
      return { target, change: "installed" };
    }
    writeFileAtomic(target.path, `${current}${current.endsWith("\n") ? "" : "\n"}\n${block}`);
    return { target, change: "appended" };
  }
  const script = hookScript(location);
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

function replaceBlock(text: string, block: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  return text.slice(0, start) + block + text.slice(end + END.length + (text[end + END.length] === "\n" ? 1 : 0));
}

/** Removes our hook, or our block from a husky hook; puts a chained hook back. */
export function uninstallHook(root: string): { target: HookTarget; change: HookChange } {
  const target = hookTarget(root);
  if (target.kind === "lefthook" || target.kind === "simple-git-hooks") {
    return { target, change: managerRunsBackpack({ kind: target.kind, config: target.path }) ? "left" : "absent" };
  }
  const current = readTextIfExists(target.path);
  if (target.kind === "husky") {
    if (!current?.includes(BEGIN)) return { target, change: "absent" };
    // Our block, and the blank line put before it when it was appended.
    const rest = replaceBlock(current, "").replace(/\n\n$/, "\n");
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

/** True when the pre-commit hook git will run holds our block. */
export function hookInstalled(root: string): boolean {
  const target = hookTarget(root);
  if (target.kind === "lefthook" || target.kind === "simple-git-hooks") return managerRunsBackpack({ kind: target.kind, config: target.path });
  return readTextIfExists(target.path)?.includes(BEGIN) ?? false;
}
