/**
 * Command contexts kept for the life of a process, per directory, for the
 * library (an agent calls `updateMemory` often): opening one costs two git
 * processes (rev-parse, config) and the config files' parse.
 *
 * A kept context is reused only while nothing it was built from has changed:
 * the repository's git config files (git rewrites them through a lock file
 * and a rename, so a change gives a new inode and mtime), the user's and the
 * system's git config, backpack's config files, the `.git` entries between the
 * directory and the top of the work tree (a `git init` below would change the
 * repository), and the environment variables discovery and the key settings
 * read (in the given environment and in the process's, which git runs with). Checking that costs a few stat calls. A directory outside any
 * repository is never kept (a later `git init` must be seen).
 */
import { statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { REPO_CONFIG_FILE, userConfigPath } from "../config/paths.js";
import { xdgConfigHome } from "../config/paths.js";
import { type CommandContext, openContext } from "./context.js";

/** Variables that change what git discovers or which key settings apply. */
const WATCHED_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_COMMON_DIR",
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_SYSTEM",
  "GIT_CONFIG_NOSYSTEM",
  "GIT_CONFIG_COUNT",
  "GIT_CEILING_DIRECTORIES",
  "HOME",
  "XDG_CONFIG_HOME",
  "BACKPACK_MASTER_KEY_ENV",
  "BACKPACK_KEYCHAIN",
  "BACKPACK_KEYCHAIN_SERVICE",
];

interface Kept {
  ctx: CommandContext;
  token: string;
}

const kept = new WeakMap<NodeJS.ProcessEnv, Map<string, Kept>>();

/** One file's identity: inode, mtime (ns) and size; "-" when absent. */
function stamp(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.mtimeNs}:${s.size}`;
  } catch {
    return "-";
  }
}

/** Everything the context of `dir` was built from, as one string. */
function tokenFor(dir: string, ctx: CommandContext, env: NodeJS.ProcessEnv): string {
  const repo = ctx.repo;
  const files = [
    join(env.HOME || homedir(), ".gitconfig"),
    join(xdgConfigHome(env), "git", "config"),
    "/etc/gitconfig",
    userConfigPath(env),
    ...(env.GIT_CONFIG_GLOBAL ? [env.GIT_CONFIG_GLOBAL] : []),
    ...(env.GIT_CONFIG_SYSTEM ? [env.GIT_CONFIG_SYSTEM] : []),
  ];
  if (repo) {
    files.push(join(repo.commonDir, "config"), join(repo.gitDir, "config.worktree"), join(repo.root, REPO_CONFIG_FILE));
    // `.git` at the top and at no level between: a repository made below would own `dir` instead.
    for (let d = dir; ; d = dirname(d)) {
      files.push(join(d, ".git"));
      if (d === repo.root || dirname(d) === d) break;
    }
  }
  return [...files.map((f) => `${f}=${stamp(f)}`), ...WATCHED_VARIABLES.map((v) => `${v}=${env[v] ?? ""}|${process.env[v] ?? ""}`)].join("\n");
}

/**
 * The context for a command in `cwd`, reused from an earlier call in this
 * process while its sources are unchanged (see above).
 */
export function keptContext(cwd: string, env: NodeJS.ProcessEnv = process.env): CommandContext {
  const dir = resolve(cwd);
  let byDir = kept.get(env);
  const entry = byDir?.get(dir);
  if (entry && tokenFor(dir, entry.ctx, env) === entry.token) return entry.ctx;
  const ctx = openContext(dir, env);
  if (!ctx.repo) {
    byDir?.delete(dir);
    return ctx;
  }
  if (!byDir) kept.set(env, (byDir = new Map()));
  byDir.set(dir, { ctx, token: tokenFor(dir, ctx, env) });
  return ctx;
}
