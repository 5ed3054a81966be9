/**
 * What the hostile-input probes share (attack-probes, untrusted-input): a CLI
 * run that fails instead of hanging, FIFOs, and a minimal working form.
 */
import { spawnSync } from "node:child_process";
import { CLI, type RunResult, type Sandbox } from "./sandbox.js";

/** Runs the CLI with a guard against a hang (a FIFO read blocks forever): the test fails instead of stalling. */
export function backpackGuarded(sb: Sandbox, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  // Without the host's extra CA bundle, as sandbox.backpack() starts the CLI (test/helpers/sandbox.ts).
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...sb.env, NODE_EXTRA_CA_CERTS: "", ...env }, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/** `mkfifo PATH`: a named pipe, which a read without a writer blocks on. */
export function mkfifo(path: string): void {
  const r = spawnSync("mkfifo", [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

/** A format-2 working form with empty layers, `extra` merged in, as JSON text. */
export const workingForm = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ version: 2, credentials: {}, personality: {}, memory: {}, ...extra }, null, 2);
