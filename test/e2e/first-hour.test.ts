/**
 * The first hour, as a new user and as a user of the Python tool met it:
 * status outside git with the Python tool's JSON, -q, memory values by type.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

describe("backpack status", () => {
  it("outside git prints the file's status with the Python tool's JSON fields", () => {
    const missing = sb.backpack(["status", "--json"]);
    expect(missing.status).toBe(3);
    expect(JSON.parse(missing.stdout)).toEqual({ error: "No agent.lock found" });

    expect(sb.backpack(["init", "-q", "--credentials", "OPENAI_API_KEY", "--personality", "Be brief"]).status).toBe(0);
    expect(sb.backpack(["memory", "set", "runs", "3", "-q"]).status).toBe(0);
    const json = sb.backpack(["status", "--json"]);
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(Object.keys(parsed).sort()).toEqual(["file_path", "layers", "size"]);
    expect(parsed.file_path).toBe(join(sb.root, "agent.lock"));
    expect(parsed.size).toBeGreaterThan(100);
    expect(parsed.layers).toEqual({ credentials: ["OPENAI_API_KEY"], personality: { system_prompt: "Be brief", tone: "professional" }, memory: { runs: 3 } });

    const text = sb.backpack(["status"]);
    expect(text.stdout).toMatch(/credentials: 1 defined \(OPENAI_API_KEY\)/);
    expect(text.stdout).toMatch(/memory: 1 items/);
  });

  it("inside git adds the per-file git state to the same fields", () => {
    const repo = sb.repo();
    expect(sb.backpack(["setup", "-q"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["init", "-q"], { cwd: repo }).status).toBe(0);
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    const parsed = JSON.parse(sb.backpack(["status", "--json"], { cwd: repo }).stdout);
    expect(parsed.layers.personality.tone).toBe("professional");
    expect(parsed.wired).toBe(true);
    expect(parsed.files).toEqual([{ path: "agent.lock", state: "unlocked", modified: false }]);
  });

  it("says the file does not open, with the exit code of the cause", () => {
    writeFileSync(join(sb.root, "agent.lock"), "{ not json");
    const r = sb.backpack(["status", "--json"]);
    expect(r.status).toBe(4);
    expect(JSON.parse(r.stdout).error).toMatch(/agent\.lock/);
  });
});

describe("-q", () => {
  it("silences what setup, init and memory set report, and never what was asked for", () => {
    const repo = sb.repo();
    for (const args of [["setup", "-q"], ["init", "-q"], ["memory", "set", "k", "v", "-q"], ["memory", "unset", "k", "--quiet"]]) {
      const r = sb.backpack(args, { cwd: repo });
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(" ")).toBe("");
    }
    expect(sb.backpack(["memory", "show", "-q"], { cwd: repo }).stdout).toBe("{}\n");
  });
});

describe("backpack memory show KEY", () => {
  it("prints a value as JSON, so a string and a number differ; --raw prints a string bare", () => {
    expect(sb.backpack(["init", "-q"]).status).toBe(0);
    sb.backpack(["memory", "set", "n", "42"]);
    sb.backpack(["memory", "set", "s", "42", "--string"]);
    expect(sb.backpack(["memory", "show", "n"]).stdout).toBe("42\n");
    expect(sb.backpack(["memory", "show", "s"]).stdout).toBe('"42"\n');
    expect(sb.backpack(["memory", "show", "s", "--raw"]).stdout).toBe("42\n");
  });
});
