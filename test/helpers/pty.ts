/**
 * Runs a command on a pseudo-terminal (python3's pty module), so prompts that
 * need a terminal can be driven by a test: each step waits for its `expect`
 * pattern in the output (after the previous step's match), then types `send`.
 * Output comes back with "\r\n" turned into "\n" (it includes the echoed input).
 */
import { spawnSync } from "node:child_process";

export interface PtyStep {
  /** A regular expression (Python syntax, a subset shared with JavaScript's) to wait for. */
  expect: string;
  send: string;
  /** Wait this long after the match before typing (a prompt may switch the terminal mode first). */
  delayMs?: number;
}

export interface PtyResult {
  status: number;
  output: string;
  /** How many steps matched; fewer than given means a prompt never came. */
  stepsDone: number;
  timedOut: boolean;
}

const DRIVER = String.raw`
import json, os, pty, re, select, signal, sys, time
spec = json.loads(sys.stdin.read())
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    os.execvpe(spec["cmd"][0], spec["cmd"], spec["env"])
out = b""
pos = 0
step = 0
steps = spec["steps"]
deadline = time.time() + spec["timeout"]
timed_out = False
while True:
    if time.time() > deadline:
        timed_out = True
        os.kill(pid, signal.SIGKILL)
        break
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            break
        out += data
    while step < len(steps):
        text = out.decode("utf-8", "replace")
        match = re.compile(steps[step]["expect"]).search(text, pos)
        if not match:
            break
        pos = match.end()
        time.sleep(steps[step].get("delayMs", 0) / 1000)
        os.write(fd, steps[step]["send"].encode("utf-8"))
        step += 1
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.stdout.write(json.dumps({"status": code, "output": out.decode("utf-8", "replace"), "stepsDone": step, "timedOut": timed_out}))
`;

export function runInPty(cmd: string[], options: { cwd: string; env: NodeJS.ProcessEnv; steps?: PtyStep[]; timeoutMs?: number }): PtyResult {
  const spec = { cmd, cwd: options.cwd, env: options.env, steps: options.steps ?? [], timeout: (options.timeoutMs ?? 20_000) / 1000 };
  const r = spawnSync("python3", ["-c", DRIVER], { input: JSON.stringify(spec), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pty driver failed (${r.status}): ${r.stderr}`);
  const result = JSON.parse(r.stdout) as PtyResult;
  return { ...result, output: result.output.replace(/\r\n/g, "\n") };
}

export interface TerminalResult {
  status: number;
  /** Everything the terminal showed (stdout and stderr together). */
  screen: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Runs `command args` on a terminal in `cwd`; types `input` once `waitFor` appears. */
export function runOnTerminal(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; waitFor?: string; input?: string }): TerminalResult {
  const steps = options.input ? [{ expect: escapeRegExp(options.waitFor ?? ""), send: options.input, delayMs: 200 }] : [];
  const r = runInPty([command, ...args], { cwd: options.cwd, env: options.env, steps, timeoutMs: 30_000 });
  return { status: r.status, screen: r.output };
}
