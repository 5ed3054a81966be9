import { existsSync, rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backpackPty, stripAnsi } from "../helpers/pty.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { sandboxStore } from "../helpers/vault.js";
import { assertNoSecrets } from "../helpers/secrets.js";

/** The workspace path the tutorial prints in its second line. */
const workspaceOf = (output: string) => /A throwaway workspace: (\S+) /.exec(output)?.[1];

describe("backpack tutorial", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("runs every step end to end with --non-interactive, in a workspace it removes afterwards", async () => {
    const r = sb.backpack(["tutorial", "--non-interactive"]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^backpack tutorial\n/);
    const steps = [...r.stdout.matchAll(/^(\d+)\/(\d+) (.+)$/gm)].map((m) => m[3]);
    expect(steps).toContain("Create the agent");
    expect(steps).toContain("Take the agent to another machine");
    // Each step that ran shows its commands and their output; none failed.
    expect(r.stdout).toMatch(/\$ backpack quickstart --non-interactive --name my-agent[^\n]*\n {4}created agent\.lock/);
    expect(r.stdout).toMatch(/\$ cd \.\.\/elsewhere && backpack info\n {4}agent\.lock\n {6}agent {8}my-agent/);
    // The starter saved its run count through `backpack memory set` (found on the workspace's PATH).
    expect(r.stdout).toMatch(/\$ backpack memory show\n {4}\{\n {6}"runs": 1\n {4}\}/);
    expect(r.stdout).not.toContain("memory not saved");
    expect(r.stdout).toMatch(/\nDone\. Next:/);
    expect(r.stdout).not.toMatch(/Stopped/);
    assertNoSecrets([r.stdout, r.stderr], ["tutorial-not-a-real-key"]);
    const workspace = workspaceOf(r.stdout);
    expect(workspace).toBeDefined();
    expect(existsSync(workspace as string)).toBe(false);
    // Nothing was written in the user's own HOME or working folder.
    expect(existsSync(`${sb.home}/.config/backpack/keys.json`)).toBe(false);
    expect(await sandboxStore(sb).list()).toEqual([]);
  });

  it("waits for Enter before each step, and s skips, q stops (answers piped on stdin)", () => {
    // The first steps (repository, agent) cannot be skipped: the others build on them.
    const refused = sb.backpack(["tutorial"], { input: "s\n" });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/press Enter to run it, or type q to quit\nhint: fix line 1 of the input/);

    const r = sb.backpack(["tutorial", "--keep"], { input: "\n\ns\nq\n" });
    expect(r.status, r.stderr).toBe(0);
    const asked = [...r.stderr.matchAll(/Enter runs (?:it|these \d+ commands)(?: \(the next steps build on it\))?, (?:s skips, )?q quits: (\S*)/g)].map((m) => m[1]);
    expect(asked).toEqual(["", "", "s", "q"]);
    expect(r.stdout).toMatch(/Stopped\. Run `backpack tutorial` again any time\./);
    expect(r.stdout).toMatch(/\$ backpack quickstart[^\n]*\n {4}created agent\.lock/);
    expect(r.stdout).not.toMatch(/Done\./);
    const workspace = workspaceOf(r.stdout) as string;
    expect(r.stdout).toContain(`(kept ${workspace})`);
    expect(existsSync(workspace)).toBe(true);
    rmSync(workspace, { recursive: true, force: true });
  });

  it("walks through on a terminal", async () => {
    const term = backpackPty(sb, ["tutorial"]);
    await term.expect("q quits");
    term.line("");
    await term.expect(/\$ \S[^\n]*\n/);
    await term.expect("q quits");
    term.line("q");
    const { status, output } = await term.exit();
    expect(status, stripAnsi(output)).toBe(0);
    expect(stripAnsi(output)).toMatch(/Stopped\./);
  });
});
