/**
 * `backpack run` tells the agent where backpack is (BACKPACK_CLI), so an
 * agent saves memory with `"$BACKPACK_CLI" memory set` when backpack is not
 * on PATH (a local install, `npx`).
 */
import { realpathSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

describe("backpack run: BACKPACK_CLI", () => {
  it("is the absolute path of the running CLI, and an agent without backpack on PATH saves memory through it", () => {
    expect(sb.backpack(["init", "--name", "saver"]).status).toBe(0);
    // PATH holds node (for the CLI's shebang) and the shell tools, not backpack.
    const path = [dirname(process.execPath), "/usr/bin", "/bin"].join(":");
    writeFileSync(
      join(sb.root, "agent.sh"),
      ['command -v backpack >/dev/null && { echo "backpack is on PATH" >&2; exit 3; }', 'echo "cli=$BACKPACK_CLI"', '"$BACKPACK_CLI" memory set last_run \'"today"\' --file "$AGENT_LOCK" --quiet', ""].join("\n"),
    );
    const r = sb.backpack(["run", "--non-interactive", "--quiet", "agent.sh"], { env: { PATH: path, BACKPACK_CLI: "/stale/backpack" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`cli=${realpathSync(CLI)}`);
    const shown = sb.backpack(["memory", "show", "last_run", "--raw"]);
    expect(shown.stdout.trim()).toBe("today");
  });
});
