/**
 * Running the agent as a child process that stands in for backpack: it shares
 * stdin, stdout and stderr; SIGTERM, SIGHUP and SIGINT sent to backpack are
 * passed on; its exit code becomes backpack's, and death by a signal becomes
 * 128 + the signal's number, as a shell reports it.
 *
 * Ctrl-C in a terminal already reaches the child (the terminal signals the
 * whole foreground process group), so while stdin is a terminal SIGINT is not
 * passed on a second time: a Python agent would otherwise see two
 * KeyboardInterrupts. backpack itself never dies of it while the child runs.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { isatty } from "node:tty";
import { BackpackError } from "../errors/errors.js";
import type { CommandLine } from "./interpreter.js";

const FORWARDED: NodeJS.Signals[] = ["SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** The exit status a shell reports for death by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** Runs the command with the given environment; resolves to the exit code to use. */
export function runChild(line: CommandLine, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const fromTerminal = isatty(0);
    const handlers = new Map<NodeJS.Signals, () => void>();
    // Listening before the spawn: once the child runs, a signal to backpack must reach it, never
    // kill backpack and orphan the agent. Handlers run from the event loop, after `child` is set.
    for (const signal of FORWARDED) {
      const handler = () => {
        if ((signal === "SIGINT" || signal === "SIGQUIT") && fromTerminal) return;
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    const cleanup = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(line.command, line.args, { stdio: "inherit", env, cwd });
    } catch (error) {
      cleanup();
      throw error;
    }
    child.once("error", (error: NodeJS.ErrnoException) => {
      cleanup();
      if (error.code === "ENOENT") {
        reject(new BackpackError("COMMAND_NOT_FOUND", `${line.command}: command not found`, "check the name and your PATH"));
      } else if (error.code === "EACCES") {
        reject(new BackpackError("CANNOT_EXECUTE", `${line.command}: permission denied`, "make it executable (chmod +x), or name its interpreter"));
      } else {
        reject(new BackpackError("IO", `cannot start ${line.command} (${error.code ?? "error"})`, "check the command"));
      }
    });
    child.once("exit", (code, signal) => {
      cleanup();
      resolvePromise(signal ? signalExitCode(signal) : (code ?? 0));
    });
  });
}
