/**
 * The one place git is spawned. Synchronous spawn keeps the git entry points
 * (filters, hooks) free of extra machinery; output is captured as Buffers so
 * binary blobs survive.
 */
import { nodeChildProcess } from "../io/lazy-child-process.js";
import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { fileError } from "../errors/file-error.js";

export interface GitResult {
  status: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  /** Return the result instead of throwing on a non-zero exit. */
  allowFail?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Runs `git args` and returns its output; throws BackpackError("GIT") on failure unless allowFail. */
export function git(args: string[], options: GitOptions): GitResult {
  // Loaded on the first git run: the filter on a checkout or a single `git show` runs none.
  const result = nodeChildProcess().spawnSync("git", args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.error) {
    throw new BackpackError("GIT", "could not run git", "install git and make sure it is on PATH", { cause: result.error });
  }
  const out: GitResult = { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
  if (out.status !== 0 && !options.allowFail) {
    const first = out.stderr.split("\n").find((l) => l.trim()) ?? `exit ${out.status}`;
    throw gitWriteError(out.stderr, options.cwd) ?? new BackpackError("GIT", `git ${args[0]} failed: ${first.replace(/^(fatal|error): /, "")}`, "check the repository state and try again");
  }
  return out;
}

/** What git says when the system refused a write, as the errno it stands for. */
const GIT_ERRNO: ReadonlyArray<[RegExp, string]> = [
  [/No space left on device/i, "ENOSPC"],
  [/Disk quota exceeded/i, "EDQUOT"],
  [/Read-only file system/i, "EROFS"],
  [/Permission denied/i, "EACCES"],
];
/** git's messages that name the file it could not write. */
const GIT_WRITE = /(?:failed to write new configuration file|could not write|unable to write|unable to create|could not lock config file|unable to write new index file) '?([^\s':]+)'?/i;
/** The one write git reports without saying why (its config writer). */
const GIT_CONFIG_WRITE = /failed to write new configuration file/i;

/**
 * A failed git write as the IO error (exit 11) every other write gives: a
 * full disk, a quota, a read-only or foreign file system reads the same
 * whether backpack or git hit it. git's config writer does not say why, so a
 * full disk is then checked for. Undefined for any other failure (a lock
 * another git holds stays a GIT error).
 */
function gitWriteError(stderr: string, cwd: string): BackpackError | undefined {
  let code = GIT_ERRNO.find(([re]) => re.test(stderr))?.[1];
  if (!code && !GIT_CONFIG_WRITE.test(stderr)) return undefined;
  // git writes FILE.lock and renames it over FILE: name the file the user knows (.git/config), not the lock.
  const path = (GIT_WRITE.exec(stderr)?.[1] ?? cwd).replace(/(\/\.git\/.*)\.lock$/, "$1");
  if (!code) {
    try {
      const fs = statfsSync(dirname(path));
      if (fs.bavail === 0 || fs.ffree === 0) code = "ENOSPC";
    } catch {
      // cannot tell: said generally below
    }
  }
  if (!code) return new BackpackError("IO", `git could not write ${path}`, "check that the disk has space and that you may write to the repository, then run the command again");
  return fileError(Object.assign(new Error(code), { code }), path);
}

/** `git args` stdout as trimmed text. */
export function gitText(args: string[], options: GitOptions): string {
  return git(args, options).stdout.toString("utf8").trim();
}
