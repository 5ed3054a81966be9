import { spawnSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backpackPty, stripAnsi } from "../helpers/pty.js";
import { CLI, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

describe("everyday CLI behaviour", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("answers to `bp` as well as `backpack`, and its help says the name typed", () => {
    // npm installs both names as links to bin/backpack.js.
    const bp = join(sb.root, "bp");
    symlinkSync(CLI, bp);
    const run = (args: string[]) => spawnSync(bp, args, { cwd: sb.root, env: sb.env, encoding: "utf8" });
    expect(run(["--help"]).stdout).toMatch(/^bp <command> \[options\]/);
    const version = run(["version"]);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^backpack \d/);
    const flag = run(["--version"]);
    expect(flag.status, flag.stderr).toBe(0);
    expect(flag.stdout).toBe(`${version.stdout.split("\n")[0]?.slice("backpack ".length)}\n`);
    expect(run(["quickstart", "--non-interactive", "--credentials", ""]).status).toBe(0);
    expect(sb.backpack(["--help"]).stdout).toMatch(/^backpack <command> \[options\]/);
  });

  it("suggests the option meant, and the command meant", () => {
    const r = sb.backpack(["quickstart", "--non-interactive", "--credentails", "A"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("backpack: Unknown argument: credentails\nhint: did you mean --credentials (for credentails)? See `backpack --help`\n");
    const command = sb.backpack(["tutorail"]);
    expect(command.status).toBe(2);
    expect(command.stderr).toMatch(/Did you mean tutorial\?/);
  });

  it("prints no color or progress when output is not a terminal, even without NO_COLOR", () => {
    expect(sb.backpack(["quickstart", "--non-interactive"]).status).toBe(0);
    const r = sb.backpack(["export", "a.backpack", "--passphrase-env", "P"], { env: { P: "long passphrase", NO_COLOR: "" } });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain("\u001b");
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).not.toContain("deriving");
  });

  it("shows a progress line on a terminal while deriving a key, erased before the result, and none with --quiet", async () => {
    expect(sb.backpack(["quickstart", "--non-interactive"]).status).toBe(0);
    const term = backpackPty(sb, ["export", "a.backpack", "--passphrase-env", "P"], { env: { P: "long passphrase" } });
    const { status, output } = await term.exit();
    expect(status, stripAnsi(output)).toBe(0);
    expect(output).toContain("deriving the key from the passphrase");
    expect(output).toContain("\r\u001b[Kexported");
    const quiet = backpackPty(sb, ["export", "b.backpack", "--passphrase-env", "P", "--quiet"], { env: { P: "long passphrase" } });
    const q = await quiet.exit();
    expect(q.status).toBe(0);
    expect(q.output).not.toContain("deriving");
  });
});
