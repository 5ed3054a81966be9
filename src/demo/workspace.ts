/**
 * A throwaway workspace for `backpack demo` and `backpack tutorial`: a temp
 * folder with its own HOME, XDG config and git config (and the file key
 * store instead of the OS keychain), so nothing of the user's keys or
 * settings is read or touched. Commands run there are the real CLI and git.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { cliEntry } from "../package/package-root.js";
import { writeFileAtomic } from "../io/atomic-write.js";

export interface StepResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface Workspace {
  /** The temp folder (holds home/ and whatever the walkthrough makes). */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Runs a program in `cwd` (default: root) with the workspace's environment. */
  run(command: string, args: string[], options?: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv }): StepResult;
  /** Runs the real CLI (this package's bin/backpack.js). */
  backpack(args: string[], options?: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv }): StepResult;
  /** Removes the folder. */
  remove(): void;
}

/** Makes a workspace under the system temp folder; `prefix` names it ("backpack-demo-"). */
export function createWorkspace(prefix: string, gitUser: string): Workspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const home = join(root, "home");
  mkdirSync(join(home, ".config"), { recursive: true });
  const gitconfig = join(home, ".gitconfig");
  writeFileAtomic(gitconfig, `[user]\n\tname = ${gitUser}\n\temail = ${gitUser.toLowerCase().replace(/\s+/g, "-")}@example.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n`);
  // `backpack` on PATH, as after an install: agents call it back (`backpack memory set`).
  const bin = join(root, "bin");
  mkdirSync(bin);
  try {
    symlinkSync(cliEntry(), join(bin, "backpack"));
  } catch {
    // No symbolic links here (Windows without the right): agents then find no CLI and say so.
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: "1",
    BACKPACK_KEYCHAIN: "off",
    NO_COLOR: "1",
  };
  // Nothing of the user's keys or repository may leak in.
  for (const name of ["AGENT_MASTER_KEY", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "BACKPACK_TEMPLATE_DIR", "BACKPACK_LOG_FILE", "BACKPACK_AUDIT_LOG", "CI"]) delete env[name];

  const run: Workspace["run"] = (command, args, options = {}) => {
    const r = spawnSync(command, args, { cwd: options.cwd ?? root, env: { ...env, ...options.env }, input: options.input ?? "", encoding: "utf8" });
    if (r.error) throw new BackpackError("INTERNAL", `could not run ${command}`, `make sure ${command} is installed and on PATH`);
    return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    root,
    env,
    run,
    backpack: (args, options) => run(process.execPath, [cliEntry(), ...args], options),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
