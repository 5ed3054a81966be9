/**
 * Driving a program through a pseudo-terminal, for prompts that behave
 * differently on a terminal (line editing, hidden input, colors). Node has no
 * pty of its own, so a few lines of python3 (its standard `pty` module) fork
 * the program on a pty. Two ways to use it:
 *
 * - `runOnTerminal` (synchronous, one answer): runs the program to its end,
 *   typing `input` once `waitFor` appears; returns the exit status and
 *   everything the terminal showed.
 * - `spawnPty` / `backpackPty` (asynchronous, a conversation): a session
 *   that waits for each prompt and types each answer, for wizards and
 *   retries:
 *
 *     const term = backpackPty(sb, ["quickstart"]);
 *     await term.expect("Agent name");
 *     term.line("my-agent");
 *     const { status, output } = await term.exit();
 *
 * The terminal echoes what is typed unless the program turns echo off (as a
 * hidden prompt does), so the output shows exactly what a user would see.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { CLI, type Sandbox } from "./sandbox.js";
import { hideSecrets } from "./secrets.js";

const BRIDGE = String.raw`
import os, pty, select, struct, sys, fcntl, termios
cols, rows = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
stdin_open = True
while True:
    fds = [fd, 0] if stdin_open else [fd]
    ready, _, _ = select.select(fds, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
`;

export interface PtyOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
}

export interface PtySessionResult {
  status: number;
  /** Everything the terminal showed, ANSI codes included (see stripAnsi). */
  output: string;
}

/** Removes ANSI escape sequences (colors, cursor moves, line erases). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][A-Za-z0-9]|\u001b[=>]/g, "");
}

/** A program running on a pseudo-terminal. */
export class PtySession {
  private buffer = "";
  /** Where the next expect() starts looking, so one prompt is not matched twice. */
  private cursor = 0;
  private readonly waiters = new Set<() => void>();
  /** Every line typed (passphrases among them): hidden from the screen quoted in a failure. */
  private readonly typed: string[] = [];
  private readonly exited: Promise<PtySessionResult>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      this.buffer += chunk;
      for (const wake of this.waiters) wake();
    });
    let bridgeErrors = "";
    child.stderr.on("data", (chunk: Buffer) => (bridgeErrors += chunk.toString("utf8")));
    this.exited = new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        for (const wake of this.waiters) wake();
        if (bridgeErrors.includes("Traceback")) reject(new Error(`the pty bridge failed:\n${bridgeErrors}`));
        else resolve({ status: code ?? (signal ? 128 : 1), output: this.buffer });
      });
    });
  }

  /** Everything shown so far, ANSI codes included. */
  output(): string {
    return this.buffer;
  }

  /**
   * Waits until the output after the previous match matches `pattern` (tested
   * on the text without ANSI codes) and returns the matched text. Fails after
   * `timeoutMs`, quoting the tail of the output.
   */
  expect(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      let closed = false;
      const check = () => {
        const rest = stripAnsi(this.buffer.slice(this.cursor));
        const match = typeof pattern === "string" ? (rest.includes(pattern) ? { index: rest.indexOf(pattern), 0: pattern } : null) : pattern.exec(rest);
        if (match) {
          done();
          // Advance past the match in the raw buffer: find how much raw text holds the stripped prefix.
          const upTo = match.index + match[0].length;
          let raw = this.cursor;
          while (raw < this.buffer.length && stripAnsi(this.buffer.slice(this.cursor, raw)).length < upTo) raw++;
          this.cursor = raw;
          resolve(match[0]);
        } else if (closed) {
          done();
          reject(new Error(`the program ended before showing ${String(pattern)}; it showed:\n${this.screenTail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; the terminal shows:\n${this.screenTail()}`));
      }, timeoutMs);
      const wake = () => {
        closed = this.child.exitCode !== null || this.child.signalCode !== null;
        check();
      };
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
      check();
    });
  }

  /** The end of what the terminal showed, without ANSI codes, with typed lines hidden. */
  private screenTail(): string {
    return hideSecrets(stripAnsi(this.buffer), this.typed).slice(-2000);
  }

  /** Types raw text (use "\r" for Enter, "\u0003" for Ctrl-C). */
  write(text: string): void {
    this.child.stdin.write(text);
  }

  /** Types a line and presses Enter. */
  line(text: string): void {
    // Short answers ("y", "q") stay visible; anything longer may be a passphrase.
    if (text.length >= 4) this.typed.push(text);
    this.write(`${text}\r`);
  }

  /** Waits for the program to end (killing it after `timeoutMs`). */
  async exit(timeoutMs = 20_000): Promise<PtySessionResult> {
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
}

/** Runs `command args` on a new pseudo-terminal (80x24 unless told). */
export function spawnPty(command: string, args: string[], options: PtyOptions = {}): PtySession {
  const child = spawn("python3", ["-c", BRIDGE, String(options.cols ?? 80), String(options.rows ?? 24), command, ...args], {
    cwd: options.cwd,
    env: { TERM: "xterm-256color", ...options.env },
    stdio: "pipe",
  });
  return new PtySession(child);
}

/** Runs the built CLI (bin/backpack.js) on a pseudo-terminal in the sandbox's environment. */
export function backpackPty(sb: Sandbox, args: string[], options: PtyOptions = {}): PtySession {
  return spawnPty(process.execPath, [CLI, ...args], { cwd: options.cwd ?? sb.root, ...options, env: { ...sb.env, NODE_EXTRA_CA_CERTS: "", TERM: "xterm-256color", ...options.env } });
}

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
