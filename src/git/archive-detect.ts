/**
 * Is the git that runs this filter `git archive`? git runs the smudge filter
 * for every file it puts into an archive, and a decrypted agent.lock in a
 * tarball is plaintext outside the repository. git sets no variable for
 * archive, and its filter requests look like a checkout's (git 2.39 sends
 * `ref=` and `treeish=` for both, see docs/git.md), so the answer comes from
 * the process that started the filter: git itself, or the shell git ran the
 * filter command through. Asked only for requests that carry `treeish=`
 * (a plain `git restore` or index checkout never does), once per process.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { nodeChildProcess } from "../io/lazy-child-process.js";

/** git's global options that take their value as the next argument (`git -C DIR archive`). */
const OPTIONS_WITH_VALUE = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--super-prefix", "--config-env", "--exec-path"]);
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ash", "busybox"]);

/** The git subcommand in a git command line (`git -C x archive HEAD` gives "archive"), or undefined. */
export function gitSubcommand(argv: string[]): string | undefined {
  const [first, ...rest] = argv;
  if (!first) return undefined;
  const name = basename(first);
  if (name.startsWith("git-")) return name.slice(4);
  if (name !== "git") return undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

function processArgs(pid: number): { argv: string[]; parent: number } | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return { argv, parent };
  } catch {
    try {
      // Not Linux: ps, as POSIX has it.
      const out = nodeChildProcess().execFileSync("ps", ["-o", "ppid=,args=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      const [ppid, ...args] = out.split(/\s+/);
      return { argv: args, parent: Number(ppid) };
    } catch {
      return undefined;
    }
  }
}

let cached: boolean | undefined;

/** True when the git that started this process (directly, or through a shell) is `git archive` or `git upload-archive`. */
export function runByGitArchive(): boolean {
  if (cached !== undefined) return cached;
  let pid = process.ppid;
  cached = false;
  for (let hop = 0; hop < 3 && pid > 1; hop++) {
    const info = processArgs(pid);
    if (!info) break;
    const sub = gitSubcommand(info.argv);
    if (sub !== undefined) {
      cached = sub === "archive" || sub === "upload-archive" || sub === "upload-archive--writer";
      break;
    }
    if (!SHELLS.has(basename(info.argv[0] ?? ""))) break;
    pid = info.parent;
  }
  return cached;
}
