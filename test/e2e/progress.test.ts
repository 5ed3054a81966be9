/**
 * Progress lines for long work: `backpack unlock`, `lock`, `key rotate` and
 * `scan --history` over many files draw "label n/total" on a terminal
 * (stderr), erased when done; piped, or with --quiet, nothing of it appears.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentFile } from "../helpers/agent-files.js";
import { backpackPty, stripAnsi } from "../helpers/pty.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";

const FILES = 12;

let sb: Sandbox;
let repo: string;
const secrets: string[] = [];
beforeAll(() => {
  sb = makeSandbox();
  repo = sb.repo();
  expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
  for (let i = 0; i < FILES; i++) {
    const file = agentFile(`agent${i}`);
    mkdirSync(join(repo, `agent${i}`));
    writeFileSync(join(repo, `agent${i}`, "agent.lock"), file.text);
    secrets.push(...file.secrets);
  }
  sb.git(["add", "-A"], { cwd: repo });
  sb.git(["commit", "-qm", "agents"], { cwd: repo });
});
afterAll(() => sb.cleanup());

/** Runs backpack on a terminal; returns its status and the raw output (ANSI codes kept). */
async function onTerminal(args: string[]) {
  const term = backpackPty(sb, args, { cwd: repo });
  return term.exit();
}

describe("progress on a terminal", () => {
  it("lock and unlock count the files, and leave the line erased", async () => {
    const lock = await onTerminal(["lock"]);
    expect(lock.status).toBe(0);
    // Redrawn at most every 80 ms, so a fast run may show only its first count.
    expect(lock.output).toMatch(new RegExp(`\\r\\u001b\\[Klocking \\d+/${FILES} agent\\d+/agent\\.lock`));
    // Erased before the summary: the summary starts a clean line.
    expect(lock.output).toMatch(new RegExp(`\\r\\u001b\\[Klocked ${FILES} file\\(s\\)`));
    const unlock = await onTerminal(["unlock"]);
    expect(unlock.status).toBe(0);
    expect(stripAnsi(unlock.output)).toMatch(/unlocking \d+\/12/);
    expect(sb.git(["status", "--porcelain"], { cwd: repo }).stdout).toBe("");
  });

  it("key rotate and scan --history show theirs", async () => {
    const rotate = await onTerminal(["key", "rotate"]);
    expect(rotate.status).toBe(0);
    expect(stripAnsi(rotate.output)).toMatch(/re-encrypting \d+\/(24|12) agent\d+\/agent\.lock/);
    const scan = await onTerminal(["scan", "--history"]);
    expect(stripAnsi(scan.output)).toMatch(/scanning history \d+\/\d+/);
    assertNoPlaintextInObjects(sb, repo, secrets);
  });

  it("draws nothing when piped or with --quiet", async () => {
    const piped = sb.backpack(["lock"], { cwd: repo });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).not.toMatch(/\r|locking /);
    const quiet = await onTerminal(["unlock", "--quiet"]);
    expect(quiet.status).toBe(0);
    expect(quiet.output).not.toMatch(/unlocking /);
    const history = sb.backpack(["scan", "--history"], { cwd: repo });
    expect(history.stderr).not.toMatch(/scanning history/);
  });
});
