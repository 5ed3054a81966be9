import { describe, expect, it } from "vitest";
import { emptyWorkingForm } from "../../src/core/agent-lock.js";
import { agentEnvironment } from "../../src/runtime/inject.js";
import { isNonInteractive } from "../../src/runtime/plan.js";

describe("agentEnvironment", () => {
  it("adds granted credentials and the agent's variables over the base environment", () => {
    const doc = emptyWorkingForm();
    doc.agent = { name: "bot" };
    doc.personality = { system_prompt: "Be kind", tone: "warm", temperature: 0.3, style: { emoji: false } };
    const env = agentEnvironment({ PATH: "/bin", KEEP: "1", AGENT_TONE: "old" }, doc, "/x/agent.lock", [
      { name: "OPENAI_API_KEY", source: "vault", value: "v1" },
      { name: "ABSENT" },
    ]);
    expect(env).toEqual({
      PATH: "/bin",
      KEEP: "1",
      OPENAI_API_KEY: "v1",
      AGENT_SYSTEM_PROMPT: "Be kind",
      AGENT_TONE: "warm",
      AGENT_PERSONALITY: JSON.stringify(doc.personality),
      AGENT_NAME: "bot",
      AGENT_LOCK: "/x/agent.lock",
      AGENT_MEMORY_FILE: "/x/agent.lock",
      BACKPACK_RUN: "1",
    });
  });

  it("removes inherited agent variables the agent lacks, and renders non-string prompts as JSON", () => {
    const doc = emptyWorkingForm();
    doc.personality = { system_prompt: ["line 1", "line 2"] };
    const env = agentEnvironment({ AGENT_TONE: "stale", AGENT_NAME: "other" }, doc, "/a.lock", []);
    expect(env.AGENT_TONE).toBeUndefined();
    expect(env.AGENT_NAME).toBeUndefined();
    expect(env.AGENT_SYSTEM_PROMPT).toBe('["line 1","line 2"]');
  });
});

describe("agentEnvironment: BACKPACK_CLI", () => {
  it("names the CLI given, over an inherited value, and is left alone without one", () => {
    const doc = emptyWorkingForm();
    expect(agentEnvironment({ BACKPACK_CLI: "/old" }, doc, "/a.lock", [], "/opt/backpack/bin/backpack.js").BACKPACK_CLI).toBe("/opt/backpack/bin/backpack.js");
    expect(agentEnvironment({ BACKPACK_CLI: "/old" }, doc, "/a.lock", []).BACKPACK_CLI).toBe("/old");
  });
});

describe("isNonInteractive", () => {
  it("is set by the flag, CI or AGENT_MASTER_KEY", () => {
    expect(isNonInteractive(true, {})).toBe(true);
    expect(isNonInteractive(false, { CI: "true" })).toBe(true);
    expect(isNonInteractive(false, { CI: "1" })).toBe(true);
    expect(isNonInteractive(false, { CI: "false" })).toBe(false);
    expect(isNonInteractive(false, { CI: "0" })).toBe(false);
    expect(isNonInteractive(undefined, { AGENT_MASTER_KEY: "pass" })).toBe(true);
    expect(isNonInteractive(undefined, { AGENT_MASTER_KEY: "" })).toBe(false);
  });
});
