/**
 * When a subfolder's .gitattributes turns the backpack filter off for an
 * agent.lock (`-filter`, or `filter=other`), the fix is to change that line:
 * `backpack init` and the pre-commit hook name the file and line that
 * overrides it, instead of telling the user to add a line to the root
 * .gitattributes (which the deeper file overrides again). Real git, the built CLI.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

let sb: Sandbox;
let repo: string;
const MARKER = "override-marker-5d1f";

beforeEach(() => {
  sb = makeSandbox();
  repo = sb.wiredRepo();
});
afterEach(() => sb.cleanup());

describe("a subfolder .gitattributes that overrides the filter is named", () => {
  it.each([
    ["-filter", "unset"],
    ["filter=other", "other"],
  ])("agent.lock %s: init refuses naming bots/.gitattributes:2, and the hook's fix names it too", (attribute, value) => {
    mkdirSync(join(repo, "bots"), { recursive: true });
    writeFileSync(join(repo, "bots", ".gitattributes"), `# bots\nagent.lock ${attribute}\n`);
    const init = sb.backpack(["init", "bots/agent.lock", "--personality", MARKER], { cwd: repo });
    expect(init.status).toBe(2);
    const said = init.stdout + init.stderr;
    expect(said).toContain(`bots/.gitattributes:2 (\`agent.lock ${attribute}\`, filter ${value}) overrides it`);
    expect(said).toContain("remove that line");
    expect(said).not.toMatch(/add the line .* to \.gitattributes/);

    // The same file staged by hand: the hook blocks it, and its fix names the overriding line.
    writeFileSync(join(repo, "bots", "agent.lock"), JSON.stringify({ version: 2, credentials: {}, personality: { note: MARKER }, memory: {} }));
    sb.git(["add", "bots"], { cwd: repo });
    const blocked = sb.git(["commit", "-q", "-m", "bots"], { cwd: repo, allowFail: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain(`bots/.gitattributes:2 (\`agent.lock ${attribute}\`) sets filter ${value}`);
    expect(blocked.stderr).toContain("remove that line");
    expect(blocked.stderr).not.toContain(MARKER);
  });

  it("with no overriding line, init keeps the hint to add one (a name the root pattern does not cover)", () => {
    const init = sb.backpack(["init", "bot.json"], { cwd: repo });
    expect(init.status).toBe(2);
    expect(init.stdout + init.stderr).toContain("add the line `/bot.json filter=backpack diff=backpack merge=backpack` to .gitattributes");
  });
});
