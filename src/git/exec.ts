/**
 * The one place git is spawned. Synchronous spawn keeps the git entry points
 * (filters, hooks) free of extra machinery; output is captured as Buffers so
 * binary blobs survive.
 */
import { spawnSync } from "node:child_process";
import { BackpackError } from "../errors/errors.js";

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
  const result = spawnSync("git", args, {
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
    throw new BackpackError("GIT", `git ${args[0]} failed: ${first.replace(/^(fatal|error): /, "")}`, "check the repository state and try again");
  }
  return out;
}

/** `git args` stdout as trimmed text. */
export function gitText(args: string[], options: GitOptions): string {
  return git(args, options).stdout.toString("utf8").trim();
}
