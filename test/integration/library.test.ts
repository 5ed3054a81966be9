/**
 * The library API in-process against real files and the sandbox's file store:
 * credential resolution order, guarded printing, memory saves in the right
 * form, invalid memory refused with the file untouched.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAgent, saveMemory, updateMemory } from "../../src/index.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { updateAgentFile } from "../../src/runtime/update.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, assertSameData, assertSameSecret, fakeSecret } from "../helpers/secrets.js";
import { putInVault } from "../helpers/vault.js";

describe("library API", () => {
  let sb: Sandbox;
  let file: string;
  let vaulted: string;
  let embedded: string;

  beforeEach(async () => {
    sb = makeSandbox();
    file = join(sb.root, "agent.lock");
    const init = sb.backpack(["init", "--name", "lib", "--credentials", "OPENAI_API_KEY,DEPLOY_TOKEN,ABSENT", "--personality", "Be brief", "--tone", "calm"]);
    expect(init.status, init.stderr).toBe(0);
    vaulted = fakeSecret("sk-vault");
    embedded = fakeSecret("embedded");
    await putInVault(sb, "OPENAI_API_KEY", vaulted);
    await updateAgentFile(file, (doc) => {
      doc.credentials.DEPLOY_TOKEN = { source: "embedded", value: embedded };
    }, { env: sb.env });
  });
  afterEach(() => sb.cleanup());

  it("loads credentials (environment, embedded, vault), personality and memory", async () => {
    const agent = await loadAgent({ cwd: sb.root, env: sb.env });
    expect(agent.file).toBe(file);
    expect(agent.name).toBe("lib");
    assertSameData({ ...agent.credentials }, { OPENAI_API_KEY: vaulted, DEPLOY_TOKEN: embedded }, "the credentials");
    expect(agent.sources).toEqual({ OPENAI_API_KEY: "vault", DEPLOY_TOKEN: "embedded" });
    expect(agent.missing).toEqual(["ABSENT"]);
    expect(agent.systemPrompt).toBe("Be brief");
    expect(agent.tone).toBe("calm");
    expect(agent.personality).toEqual({ system_prompt: "Be brief", tone: "calm" });
    expect(agent.memory).toEqual({});
    assertSameSecret(agent.credential("OPENAI_API_KEY"), vaulted, "credential(OPENAI_API_KEY)");

    const fromEnv = fakeSecret("env");
    const withEnv = await loadAgent({ cwd: sb.root, env: { ...sb.env, OPENAI_API_KEY: fromEnv, DEPLOY_TOKEN: "" } });
    assertSameSecret(withEnv.credentials.OPENAI_API_KEY, fromEnv, "OPENAI_API_KEY from the environment");
    // An empty variable counts as unset.
    expect(withEnv.sources.DEPLOY_TOKEN).toBe("embedded");
  });

  it("never shows values when the credentials are printed or serialised", async () => {
    const agent = await loadAgent({ cwd: sb.root, env: sb.env });
    const shown = [inspect(agent), inspect(agent.credentials), JSON.stringify(agent.credentials), JSON.stringify(agent), String(agent.credentials)];
    assertNoSecrets(shown, [vaulted, embedded]);
    expect(JSON.parse(JSON.stringify(agent.credentials))).toEqual({ OPENAI_API_KEY: "[redacted]", DEPLOY_TOKEN: "[redacted]" });
    expect(Object.isFrozen(agent.credentials)).toBe(true);
  });

  it("says how to add a missing credential", async () => {
    const agent = await loadAgent({ cwd: sb.root, env: sb.env });
    try {
      agent.credential("ABSENT");
      expect.unreachable();
    } catch (error) {
      expect(isBackpackError(error) && error.code).toBe("NOT_FOUND");
      expect((error as Error & { hint: string }).hint).toMatch(/backpack key add ABSENT/);
    }
  });

  it("under `backpack run` uses only what run granted, and finds the file through AGENT_LOCK", async () => {
    const other = join(sb.root, "elsewhere");
    const agent = await loadAgent({ cwd: other, env: { ...sb.env, BACKPACK_RUN: "1", AGENT_LOCK: file } });
    expect(agent.file).toBe(file);
    expect(Object.keys(agent.credentials)).toEqual(["DEPLOY_TOKEN"]);
    expect(agent.missing).toEqual(["ABSENT", "OPENAI_API_KEY"]);
    const optedIn = await loadAgent({ file, env: { ...sb.env, BACKPACK_RUN: "1" }, vault: true });
    assertSameSecret(optedIn.credentials.OPENAI_API_KEY, vaulted, "OPENAI_API_KEY from the vault");
  });

  it("saves memory in the stored form outside a repository", async () => {
    const agent = await loadAgent({ cwd: sb.root, env: sb.env });
    await agent.saveMemory({ notes: ["first"], secret_word: "pineapple" });
    expect(agent.memory).toEqual({ notes: ["first"], secret_word: "pineapple" });
    const text = readFileSync(file, "utf8");
    expect(text).toContain('"backpack": "agent.lock"');
    assertNoSecrets([text], ["pineapple"]);
    const next = await agent.updateMemory((memory) => {
      (memory.notes as string[]).push("second");
    });
    expect(next).toEqual({ notes: ["first", "second"], secret_word: "pineapple" });
    const replaced = await updateMemory(() => ({ fresh: true }), { file, env: sb.env });
    expect(replaced).toEqual({ fresh: true });
    expect((await loadAgent({ file, env: sb.env })).memory).toEqual({ fresh: true });
  });

  it("saves the working form in a wired repository", async () => {
    const repo = sb.repo();
    sb.git(["config", "filter.backpack.process", "backpack git filter-process"], { cwd: repo });
    // The working form is written only where the filter applies to the file.
    writeFileSync(join(repo, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
    expect(sb.backpack(["init"], { cwd: repo }).status).toBe(0);
    await saveMemory({ topic: "git" }, { cwd: repo, env: sb.env });
    expect(JSON.parse(readFileSync(join(repo, "agent.lock"), "utf8")).memory).toEqual({ topic: "git" });
  });

  it.each([
    ["a function", { f: () => 1 }],
    ["undefined", { u: undefined }],
    ["NaN", { n: Number.NaN }],
    ["an array", [1, 2]],
    ["a Date", { when: new Date(0) }],
    ["a Map", { m: new Map([["a", 1]]) }],
    ["Infinity", { i: Number.POSITIVE_INFINITY }],
  ])("refuses memory holding %s, leaving the file as it was", async (_label, value) => {
    const before = readFileSync(file, "utf8");
    await expect(saveMemory(value as never, { file, env: sb.env })).rejects.toSatisfy((e) => isBackpackError(e) && e.code === "USAGE");
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("reports a damaged file by name, without writing", async () => {
    writeFileSync(file, "{ not json");
    await expect(saveMemory({ a: 1 }, { file, env: sb.env })).rejects.toSatisfy((e) => isBackpackError(e) && e.code === "INVALID_FILE");
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });
});
