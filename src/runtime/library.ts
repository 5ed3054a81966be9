/**
 * The library API for agents written in TypeScript/JavaScript: load the agent
 * (credentials resolved as `backpack run` does, personality, memory) and save
 * its memory, safely against other writers.
 *
 * Under `backpack run` (BACKPACK_RUN=1) the vault is not consulted by default:
 * the agent gets exactly what the user granted, through the environment.
 */
import { join, resolve } from "node:path";
import { inspect } from "node:util";
import { audit } from "../output/audit.js";
import { applyLoggingSettings } from "../config/logging.js";
import { BackpackError } from "../errors/errors.js";
import type { JsonObject } from "../core/schema.js";
import { loadAgentFile } from "../agent-file/agent-file.js";
import { type CredentialSource, resolveCredentials } from "./credentials.js";
import { contextForFile, updateAgentFile } from "./update.js";
import { Vault } from "../keys/vault.js";

/** Which agent.lock a library call reads or writes, and the environment it resolves keys from. */
export interface AgentFileOptions {
  /** The agent.lock. Default: $AGENT_LOCK (set by `backpack run`), else agent.lock in `cwd`. */
  file?: string;
  /** Where agent.lock is looked for (default: the working directory). */
  cwd?: string;
  /** Environment to resolve credentials and keys from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Options of {@link loadAgent}: the file options, and whether to look in the personal vault. */
export interface LoadAgentOptions extends AgentFileOptions {
  /**
   * Look credentials up in the personal vault (keychain / file store).
   * Default: true, except under `backpack run`, which already injected what
   * the user allowed.
   */
  vault?: boolean;
}

/** Changes memory: mutate the draft in place, or return a new object. */
export type MemoryUpdater = (memory: JsonObject) => JsonObject | void | Promise<JsonObject | void>;

/** A loaded agent. */
export interface Agent {
  /** Absolute path of the agent.lock. */
  readonly file: string;
  /** agent.name, when the file sets it. */
  readonly name: string | undefined;
  /** Credential values by name (only those found). Printing or JSON-encoding it shows names only. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Where each found credential came from. */
  readonly sources: Readonly<Record<string, CredentialSource>>;
  /** Names the agent declares but no source holds. */
  readonly missing: readonly string[];
  /** The personality layer (system prompt, tone and whatever else the agent keeps there). */
  readonly personality: JsonObject;
  /** personality.system_prompt, when it is a string. */
  readonly systemPrompt: string | undefined;
  /** personality.tone, when it is a string. */
  readonly tone: string | undefined;
  /** The memory as loaded (or as last saved through this object). */
  readonly memory: JsonObject;
  /** One credential's value; throws NOT_FOUND (with the command that adds it) when it is missing. */
  credential(name: string): string;
  /** Replaces the memory layer (atomic, under the file's lock). */
  saveMemory(memory: JsonObject): Promise<JsonObject>;
  /** Read-modify-write of the memory layer under the file's lock: no lost updates. */
  updateMemory(update: MemoryUpdater): Promise<JsonObject>;
}

/** The agent.lock these options name. */
export function agentFilePath(options: AgentFileOptions = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  if (options.file) return resolve(cwd, options.file);
  if (env.AGENT_LOCK) return resolve(cwd, env.AGENT_LOCK);
  return join(resolve(cwd), "agent.lock");
}

let settingsApplied = false;
/** The audit log and log file settings apply to the library too (read once). */
async function applySettingsOnce(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (settingsApplied) return;
  settingsApplied = true;
  await applyLoggingSettings(undefined, cwd, env);
}

/** A credentials object whose values never show when it is logged or serialised. */
function guardedCredentials(values: Record<string, string>): Readonly<Record<string, string>> {
  const names = () => Object.fromEntries(Object.keys(values).map((name) => [name, "[redacted]"]));
  Object.defineProperty(values, "toJSON", { value: names, enumerable: false });
  Object.defineProperty(values, inspect.custom, { value: () => names(), enumerable: false });
  return Object.freeze(values);
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Loads an agent: credentials (environment, then embedded, then vault), personality and memory. */
export async function loadAgent(options: LoadAgentOptions = {}): Promise<Agent> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  await applySettingsOnce(cwd, env);
  const file = agentFilePath(options);
  const ctx = contextForFile(file, env);
  const loaded = await loadAgentFile(file, ctx.resolver);
  const useVault = options.vault ?? env.BACKPACK_RUN !== "1";
  const resolved = await resolveCredentials(loaded.doc, env, useVault ? new Vault(ctx.sources) : undefined);
  const values: Record<string, string> = {};
  const sources: Record<string, CredentialSource> = {};
  const missing: string[] = [];
  for (const c of resolved) {
    if (c.source === undefined || c.value === undefined) {
      missing.push(c.name);
      continue;
    }
    values[c.name] = c.value;
    sources[c.name] = c.source;
    audit({ event: "credential.access", name: c.name, source: c.source, outcome: "read", agent: file });
  }
  const memoryOptions = { ...options, file, env };
  const personality = loaded.doc.personality;
  const agent: Agent = {
    file,
    name: loaded.doc.agent?.name,
    credentials: guardedCredentials(values),
    sources: Object.freeze(sources),
    missing: Object.freeze(missing),
    personality,
    systemPrompt: asString(personality.system_prompt),
    tone: asString(personality.tone),
    memory: loaded.doc.memory,
    credential(name) {
      const value = values[name];
      if (value === undefined) {
        throw new BackpackError("NOT_FOUND", `credential ${name} is not set`, `add it with \`backpack key add ${name}\`, or set ${name} in the environment`);
      }
      return value;
    },
    async saveMemory(memory) {
      const saved = await saveMemory(memory, memoryOptions);
      (agent as { memory: JsonObject }).memory = saved;
      return saved;
    },
    async updateMemory(update) {
      const saved = await updateMemory(update, memoryOptions);
      (agent as { memory: JsonObject }).memory = saved;
      return saved;
    },
  };
  return agent;
}

/** Replaces the memory layer of the agent.lock (atomic, under its lock); returns what was saved. */
export async function saveMemory(memory: JsonObject, options: AgentFileOptions = {}): Promise<JsonObject> {
  return updateMemory(() => memory, options);
}

/**
 * Read-modify-write of the memory layer under the agent.lock's lock: the
 * updater sees the latest memory, so two processes updating at once both
 * land. Returns the memory saved.
 */
export async function updateMemory(update: MemoryUpdater, options: AgentFileOptions = {}): Promise<JsonObject> {
  const env = options.env ?? process.env;
  await applySettingsOnce(options.cwd ?? process.cwd(), env);
  const file = agentFilePath(options);
  const { doc } = await updateAgentFile(
    file,
    async (draft) => {
      const next = await update(draft.memory);
      if (next !== undefined) {
        if (next === null || typeof next !== "object" || Array.isArray(next)) {
          throw new BackpackError("USAGE", "memory must be a JSON object", "pass an object such as { notes: [] }");
        }
        draft.memory = next;
      }
    },
    { env },
  );
  return doc.memory;
}
