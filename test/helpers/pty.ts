/**
 * Runs a command on a pseudo-terminal (Python's pty module), so tests see what
 * a person at a terminal sees: stdin and stdout are a TTY, and whatever the
 * program echoes appears in the captured screen text. When the output shows
 * `waitFor`, `input` is typed (once).
 */
import { spawnSync } from "node:child_process";

const DRIVER = String.raw`
import os, pty, select, sys, time
argv = sys.argv[1:]
wait_for = os.environ.pop("PTY_WAIT_FOR", "").encode()
typed = os.environ.pop("PTY_INPUT", "").encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out, sent, deadline = b"", False, time.time() + 30
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    if not sent and typed and wait_for in out:
        time.sleep(0.2)
        os.write(fd, typed)
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export interface PtyResult {
  status: number;
  /** Everything the terminal showed (stdout and stderr together). */
  screen: string;
}

/** Runs `command args` on a terminal in `cwd`; types `input` once `waitFor` appears. */
export function runOnTerminal(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; waitFor?: string; input?: string }): PtyResult {
  const r = spawnSync("python3", ["-c", DRIVER, command, ...args], {
    cwd: options.cwd,
    env: { ...options.env, PTY_WAIT_FOR: options.waitFor ?? "", PTY_INPUT: options.input ?? "" },
    encoding: "utf8",
  });
  if (r.error) throw r.error;
  return { status: r.status ?? 128, screen: r.stdout };
}
