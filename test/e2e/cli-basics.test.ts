import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

describe("init, show, validate outside a repository", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("writes the stored form and reads it back", () => {
    const init = sb.backpack(["init", "--credentials", "OPENAI_API_KEY,GITHUB_TOKEN", "--personality", "You are a careful analyst"]);
    expect(init.status, init.stderr).toBe(0);
    const text = readFileSync(join(sb.root, "agent.lock"), "utf8");
    expect(text).toContain('"backpack": "agent.lock"');
    assertNoSecrets([text], ["careful analyst"]);

    const json = sb.backpack(["show", "--json"]);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      credentials: { GITHUB_TOKEN: { source: "vault" }, OPENAI_API_KEY: { source: "vault" } },
      // The tone the Python tool always wrote, when none is given.
      personality: { system_prompt: "You are a careful analyst", tone: "professional" },
      memory: {},
    });
    const valid = sb.backpack(["validate"]);
    expect(valid.stdout).toMatch(/every layer authenticated/);
  });

  it("writes the Python tool's default prompt and tone, which `run` hands to the agent, and says nothing with -q", () => {
    const init = sb.backpack(["init", "-q"]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toBe("");
    expect(JSON.parse(sb.backpack(["show", "--json"]).stdout).personality).toEqual({ system_prompt: "You are a helpful AI assistant.", tone: "professional" });
    const run = sb.backpack(["run", "--non-interactive", "--", "sh", "-c", 'printf "%s|%s" "$AGENT_SYSTEM_PROMPT" "$AGENT_TONE"']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("You are a helpful AI assistant.|professional");
  });

  it("finds the agent.lock above the current folder inside a repository, and says which", () => {
    sb.git(["init", "-q"]);
    expect(sb.backpack(["init", "-q", "--personality", "found above"]).status).toBe(0);
    const sub = join(sb.root, "src", "deep");
    mkdirSync(sub, { recursive: true });
    const shown = sb.backpack(["show", "--json"], { cwd: sub });
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).personality.system_prompt).toBe("found above");
    expect(shown.stderr).toContain("using ../../agent.lock");
    // Outside a repository only the current folder counts.
    rmSync(join(sb.root, ".git"), { recursive: true });
    const outside = sb.backpack(["show"], { cwd: sub });
    expect(outside.status).toBe(3);
  });

  it("refuses to overwrite without --force, and keeps a backup with it", () => {
    expect(sb.backpack(["init"]).status).toBe(0);
    const again = sb.backpack(["init"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists\nhint: .*--force/);
    const forced = sb.backpack(["init", "--force"]);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(sb.root, "agent.lock.bak"), "utf8")).toContain('"backpack": "agent.lock"');
  });

  it("suggests the command meant, without a stack trace", () => {
    const r = sb.backpack(["shwo"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Did you mean show/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("names a missing file with a hint", () => {
    const r = sb.backpack(["show", "missing.lock"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/missing\.lock does not exist\nhint: /);
  });
});
