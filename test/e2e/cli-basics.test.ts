import { readFileSync } from "node:fs";
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
      personality: { system_prompt: "You are a careful analyst" },
      memory: {},
    });
    const valid = sb.backpack(["validate"]);
    expect(valid.stdout).toMatch(/every layer authenticated/);
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
