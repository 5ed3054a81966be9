/**
 * `backpack memory show|set|unset|clear` and `backpack config personality`
 * with the built CLI: stored form outside a repository, working form in a
 * wired one, prompts on a pseudo-terminal, and files left untouched on error.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initAgent } from "../helpers/agent-files.js";
import { CLI, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { runInPty } from "../helpers/pty.js";
import { assertNoSecrets } from "../helpers/secrets.js";

describe("backpack memory and config personality", () => {
  let sb: Sandbox;
  let lock: string;
  beforeEach(async () => {
    sb = makeSandbox();
    lock = join(sb.root, "agent.lock");
    await initAgent(sb, lock, { systemPrompt: "Start prompt" });
  });
  afterEach(() => sb.cleanup());

  const memory = () => JSON.parse(sb.backpack(["memory", "show"]).stdout);

  it("sets JSON values or strings, shows, unsets and clears, keeping the file encrypted", () => {
    expect(sb.backpack(["memory", "set", "count", "42"]).stdout).toMatch(/memory\.count set in agent\.lock \(encrypted\)/);
    sb.backpack(["memory", "set", "tags", '["a","b"]']);
    sb.backpack(["memory", "set", "note", "remember the milk"]);
    sb.backpack(["memory", "set", "zip", "02134", "--string"]);
    sb.backpack(["memory", "set", "flag", "true"]);
    expect(memory()).toEqual({ count: 42, tags: ["a", "b"], note: "remember the milk", zip: "02134", flag: true });
    const text = readFileSync(lock, "utf8");
    expect(text).toContain('"backpack": "agent.lock"');
    assertNoSecrets([text], ["milk"]);
    expect(sb.backpack(["memory", "show", "note"]).stdout).toBe('"remember the milk"\n');
    expect(sb.backpack(["memory", "show", "note", "--raw"]).stdout).toBe("remember the milk\n");
    expect(sb.backpack(["memory", "show", "tags"]).stdout).toBe('[\n  "a",\n  "b"\n]\n');
    const absent = sb.backpack(["memory", "show", "nope"]);
    expect(absent.status).toBe(3);
    expect(sb.backpack(["memory", "unset", "tags"]).status).toBe(0);
    expect(sb.backpack(["memory", "unset", "tags"]).status).toBe(3);
    expect(Object.keys(memory()).sort()).toEqual(["count", "flag", "note", "zip"]);
    expect(sb.backpack(["memory", "clear", "--yes"]).stdout).toMatch(/memory cleared/);
    expect(memory()).toEqual({});
  });

  it("refuses to clear without --yes when it cannot ask, changing nothing", () => {
    sb.backpack(["memory", "set", "keep", "1"]);
    const before = readFileSync(lock, "utf8");
    const r = sb.backpack(["memory", "clear"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs --yes when it cannot ask\nhint: run `backpack memory clear --yes`/);
    expect(readFileSync(lock, "utf8")).toBe(before);
  });

  it("asks before clearing on a terminal", () => {
    sb.backpack(["memory", "set", "keep", "1"]);
    const no = runInPty([process.execPath, CLI, "memory", "clear"], { cwd: sb.root, env: sb.env, steps: [{ expect: "Clear all memory in agent\\.lock\\? \\[y/N\\]", send: "\n" }] });
    expect(no.stepsDone).toBe(1);
    expect(no.output).toMatch(/memory kept/);
    expect(memory()).toEqual({ keep: 1 });
    const yes = runInPty([process.execPath, CLI, "memory", "clear"], { cwd: sb.root, env: sb.env, steps: [{ expect: "\\[y/N\\]", send: "y\n" }] });
    expect(yes.status).toBe(0);
    expect(memory()).toEqual({});
  });

  it("writes the working form in a repository wired by setup", () => {
    const repo = sb.repo();
    // What `backpack setup` leaves in git config is what marks a repository as wired.
    sb.git(["config", "filter.backpack.process", "backpack git filter-process"], { cwd: repo });
    // The working form is written only where the filter applies to the file.
    writeFileSync(join(repo, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
    expect(sb.backpack(["init"], { cwd: repo }).stdout).toMatch(/working form/);
    const r = sb.backpack(["memory", "set", "topic", "rust"], { cwd: repo });
    expect(r.stdout).toMatch(/working form; git encrypts it on commit/);
    expect(JSON.parse(readFileSync(join(repo, "agent.lock"), "utf8")).memory).toEqual({ topic: "rust" });
  });

  it("changes the personality: system prompt, tone, other keys", () => {
    const r = sb.backpack(["config", "personality", "--system-prompt", "You are careful", "--tone", "formal", "--set", "temperature=0.2", "--set", "model=gpt-4o-mini", "--set", "stop=[\"END\"]"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/personality updated in agent\.lock: system_prompt, tone, temperature, model, stop \(encrypted\)/);
    const shown = JSON.parse(sb.backpack(["config", "personality"]).stdout);
    expect(shown).toEqual({ system_prompt: "You are careful", tone: "formal", temperature: 0.2, model: "gpt-4o-mini", stop: ["END"] });
    sb.backpack(["config", "personality", "--unset", "stop", "--unset", "model"]);
    expect(Object.keys(JSON.parse(sb.backpack(["config", "personality"]).stdout)).sort()).toEqual(["system_prompt", "temperature", "tone"]);
    const run = sb.backpack(["run", "--", "sh", "-c", 'printf "%s/%s" "$AGENT_SYSTEM_PROMPT" "$AGENT_TONE"']);
    expect(run.stdout).toBe("You are careful/formal");
    const bad = sb.backpack(["config", "personality", "--set", "novalue"]);
    expect(bad.status).toBe(2);
  });

  it("refuses to rewrite a Python tool (format 1.0) file, pointing at migrate", () => {
    const text = readFileSync(join(PROJECT_ROOT, "fixtures/v1/default.agent.lock"), "utf8");
    writeFileSync(lock, text);
    const r = sb.backpack(["memory", "set", "x", "1"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/format 1\.0.*\nhint: .*backpack migrate/);
    expect(readFileSync(lock, "utf8")).toBe(text);
    // Reading it works.
    expect(sb.backpack(["memory", "show"]).status).toBe(0);
  });

  it("refuses a __proto__ key without touching the file", () => {
    const before = readFileSync(lock, "utf8");
    const r = sb.backpack(["memory", "set", "__proto__", "{}"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/__proto__/);
    expect(readFileSync(lock, "utf8")).toBe(before);
  });
});
