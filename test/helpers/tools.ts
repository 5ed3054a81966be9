/**
 * Tests that drive a real third-party tool (pre-commit, age) run it for real.
 * Where the tool is not installed they are skipped, saying which package brings
 * it; under CI (CI set, as .ci/run runs) a missing tool fails instead, since
 * .ci/run installs every one of them.
 */
import { spawnSync } from "node:child_process";
import { describe, it } from "vitest";

/** True when `command --version` runs. */
export function toolAvailable(command: string): boolean {
  const r = spawnSync(command, ["--version"], { stdio: "ignore" });
  return !r.error && r.status === 0;
}

/**
 * `describe`, or `describe.skip` with the reason when `command` is missing
 * outside CI. BACKPACK_SKIP_TOOL_TESTS (a comma-separated list of commands)
 * skips them on purpose: .ci/run's fresh-clone pass, whose full pass runs them.
 */
export function describeWithTool(command: string, debianPackage: string): typeof describe | typeof describe.skip {
  if ((process.env.BACKPACK_SKIP_TOOL_TESTS ?? "").split(",").includes(command)) {
    process.stderr.write(`skipped: the tests that need ${command} (BACKPACK_SKIP_TOOL_TESTS)\n`);
    return describe.skip;
  }
  if (toolAvailable(command)) return describe;
  const ci = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "0" && process.env.CI !== "false";
  if (ci) throw new Error(`${command} is not installed: CI must run these tests (apt-get install ${debianPackage})`);
  process.stderr.write(`skipped: the tests that need ${command} (install it: apt-get install ${debianPackage})\n`);
  return describe.skip;
}

/** `it`, or `it.skip` with the reason, by the same rules as describeWithTool. */
export function itWithTool(command: string, debianPackage: string): typeof it | typeof it.skip {
  return describeWithTool(command, debianPackage) === describe ? it : it.skip;
}
