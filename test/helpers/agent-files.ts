/**
 * agent.lock contents for the tests: working forms holding random secrets (so a
 * test can search the object store for them), agents written in-process as
 * the CLI would write them, and repository snapshots.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { WorkingForm } from "../../src/core/schema.js";
import { saveAgentFile } from "../../src/agent-file/agent-file.js";
import { openContext } from "../../src/git/context.js";
import { saveOptionsFor } from "../../src/agent-file/agent-file.js";
import { type NewAgentOptions, createAgentDocument } from "../../src/agent-file/init.js";
import type { Sandbox } from "./sandbox.js";
import { fakeSecret } from "./secrets.js";

export interface AgentFile {
  /** The working-form text to write. */
  text: string;
  /** Plaintext that must never reach the object store. */
  secrets: string[];
}

/** A working-form agent.lock holding an embedded secret, a personality and memory. */
export function agentFile(name: string, options: { crlf?: boolean; extraMemory?: Record<string, unknown> } = {}): AgentFile {
  const secret = fakeSecret(`${name}-token`);
  const prompt = fakeSecret(`${name}-prompt`);
  const memory = fakeSecret(`${name}-memory`);
  const doc = {
    version: 2,
    agent: { name },
    credentials: { API_TOKEN: { source: "embedded", value: secret }, OPENAI_API_KEY: { source: "vault" } },
    personality: { system_prompt: `You are ${name}. ${prompt}`, tone: "dry" },
    memory: { notes: [memory], ...options.extraMemory },
  };
  let text = `${JSON.stringify(doc, null, 2)}\n`;
  if (options.crlf) text = text.replace(/\n/g, "\r\n");
  return { text, secrets: [secret, prompt, memory] };
}

/** Files under `dir` (not .git) with their contents, for before/after comparisons. */
export function snapshotTree(dir: string, skip: (rel: string) => boolean = (rel) => rel === ".git"): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel))) {
      const path = rel ? `${rel}/${entry}` : entry;
      if (skip(path)) continue;
      const full = join(dir, path);
      if (statSync(full).isDirectory()) walk(path);
      else out[path] = `${(statSync(full).mode & 0o777).toString(8)} ${readFileSync(full, "utf8")}`;
    }
  };
  if (existsSync(dir)) walk("");
  return out;
}

/**
 * Writes an agent.lock at `path` as `backpack init` would, with the same
 * functions, in-process (no CLI start-up): the working form in a repository
 * wired by setup, else the stored form under the sandbox's default key (made
 * if needed, in the store the CLI uses). For tests that need an agent, not init.
 */
export async function initAgent(sb: Sandbox, path: string, options: Partial<NewAgentOptions> = {}): Promise<void> {
  const doc = createAgentDocument({ credentials: [], ...options });
  await saveAgent(sb, path, doc);
}

/** Saves `doc` at `path` in the form and under the key a command running beside it would use. */
export async function saveAgent(sb: Sandbox, path: string, doc: WorkingForm): Promise<void> {
  const ctx = openContext(dirname(path), sb.env);
  saveAgentFile(path, doc, await saveOptionsFor(ctx));
}
