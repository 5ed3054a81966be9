/**
 * The environment an agent runs with: the caller's environment, the granted
 * credentials, and the agent's personality and file:
 *
 *   AGENT_SYSTEM_PROMPT  personality.system_prompt (unset when there is none)
 *   AGENT_TONE           personality.tone (unset when there is none)
 *   AGENT_PERSONALITY    the whole personality layer as JSON
 *   AGENT_NAME           the agent's name, when it has one
 *   AGENT_LOCK           absolute path of the agent.lock
 *   AGENT_MEMORY_FILE    the same path: memory lives in agent.lock; agents read
 *                        and write it with the library or `backpack memory`
 *   BACKPACK_RUN=1       tells the library that `backpack run` already granted
 *                        credentials (it then does not read the vault itself)
 *   BACKPACK_CLI         absolute path of the backpack CLI that runs the agent,
 *                        so scripts call `"$BACKPACK_CLI" memory set ...`
 *                        without backpack on PATH
 *
 * Inherited AGENT_* variables that this agent does not define are removed, so
 * an agent never sees another agent's personality.
 */
import type { JsonValue, WorkingForm } from "../core/schema.js";
import type { ResolvedCredential } from "./credentials.js";

export const INJECTED_VARIABLES = ["AGENT_SYSTEM_PROMPT", "AGENT_TONE", "AGENT_PERSONALITY", "AGENT_NAME", "AGENT_LOCK", "AGENT_MEMORY_FILE", "BACKPACK_RUN"] as const;

function asText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The child's environment: `base` plus the granted credentials and the
 * agent's variables; BACKPACK_CLI when `cli` (the running CLI's entry) is given.
 */
export function agentEnvironment(base: NodeJS.ProcessEnv, doc: WorkingForm, agentFile: string, granted: ResolvedCredential[], cli?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of INJECTED_VARIABLES) delete env[name];
  for (const credential of granted) if (credential.value !== undefined) env[credential.name] = credential.value;
  const vars: Record<(typeof INJECTED_VARIABLES)[number], string | undefined> = {
    AGENT_SYSTEM_PROMPT: asText(doc.personality.system_prompt),
    AGENT_TONE: asText(doc.personality.tone),
    AGENT_PERSONALITY: JSON.stringify(doc.personality),
    AGENT_NAME: doc.agent?.name,
    AGENT_LOCK: agentFile,
    AGENT_MEMORY_FILE: agentFile,
    BACKPACK_RUN: "1",
  };
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) env[name] = value;
  // The CLI running this agent, not an inherited one: the agent calls back the same backpack.
  if (cli !== undefined) env.BACKPACK_CLI = cli;
  return env;
}
