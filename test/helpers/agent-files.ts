/**
 * agent.lock contents and repository snapshots for the git tests. Secrets are
 * random per run, so a test can search the object store for them.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
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
