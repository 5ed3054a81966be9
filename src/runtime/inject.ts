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
 *
 * A credential whose name changes how programs load code or start
 * (core/env-names.ts: LD_PRELOAD, NODE_OPTIONS, PATH, BASH_ENV, GIT_SSH_COMMAND,
 * ...) is refused, the run with it, unless the user's own config allows that
 * name (`run.allow_env`): an agent.lock from a repository must not run its
 * author's code. The master key variable (AGENT_MASTER_KEY, or the one
 * master_key_env names) is removed from the child's environment unless asked
 * for (`--pass-master-key`, `run.pass_master_key`): the agent gets its own
 * credentials, not the key to every file of the repository.
 */
import { envNameAllowed, riskyEnvReason } from "../core/env-names.js";
import type { JsonValue, WorkingForm } from "../core/schema.js";
import { BackpackError } from "../errors/errors.js";
import type { ResolvedCredential } from "./credentials.js";

export const INJECTED_VARIABLES = ["AGENT_SYSTEM_PROMPT", "AGENT_TONE", "AGENT_PERSONALITY", "AGENT_NAME", "AGENT_LOCK", "AGENT_MEMORY_FILE", "BACKPACK_RUN"] as const;

function asText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What the user allows beyond the defaults (their own config and flags only). */
export interface InjectionPolicy {
  /** run.allow_env: names (or PREFIX*) that may be injected although they change how programs start. */
  allowEnv: readonly string[];
  /** Hand the master key variable to the child (--pass-master-key, run.pass_master_key). */
  passMasterKey: boolean;
  /** The variables that hold the master key (AGENT_MASTER_KEY and master_key_env's). */
  masterKeyEnv: readonly string[];
}

/** The defaults: nothing risky injected, the master key withheld. */
export const DEFAULT_INJECTION_POLICY: InjectionPolicy = { allowEnv: [], passMasterKey: false, masterKeyEnv: ["AGENT_MASTER_KEY"] };

/**
 * Throws (INVALID_FILE, exit 4) when a credential to inject has a name that
 * changes how programs start and the policy does not allow it: which, and why.
 */
export function assertSafeToInject(names: readonly string[], policy: InjectionPolicy, agentFile: string): void {
  const refused = names.filter((name) => riskyEnvReason(name) !== undefined && !envNameAllowed(name, policy.allowEnv));
  if (refused.length === 0) return;
  const first = refused[0] as string;
  const list = refused.map((name) => `${name} (${riskyEnvReason(name)})`).join("; ");
  throw new BackpackError(
    "INVALID_FILE",
    `${agentFile} asks to set ${list}; refused: that would let the file change how the agent's programs start, or where their requests go`,
    `rename the credential; or, if you wrote it and mean it, allow the name in your own config: \`backpack config set --user run.allow_env ${first}\` (see docs/run.md)`,
  );
}

/**
 * The child's environment: `base` plus the granted credentials and the
 * agent's variables; BACKPACK_CLI when `cli` (the running CLI's entry) is given.
 * Checks every granted name against the policy first (assertSafeToInject).
 */
export function agentEnvironment(
  base: NodeJS.ProcessEnv,
  doc: WorkingForm,
  agentFile: string,
  granted: ResolvedCredential[],
  cli?: string,
  policy: InjectionPolicy = DEFAULT_INJECTION_POLICY,
): NodeJS.ProcessEnv {
  assertSafeToInject(
    granted.filter((c) => c.value !== undefined).map((c) => c.name),
    policy,
    agentFile,
  );
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of INJECTED_VARIABLES) delete env[name];
  if (!policy.passMasterKey) for (const name of policy.masterKeyEnv) delete env[name];
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

/** The warning `init` and `key add` give for a credential name `backpack run` refuses by default, or undefined. */
export function riskyNameWarning(name: string): string | undefined {
  const why = riskyEnvReason(name);
  if (why === undefined) return undefined;
  return `warning: ${name}: ${why}; \`backpack run\` refuses to inject it unless your own config allows it (\`backpack config set --user run.allow_env ${name}\`, see docs/run.md)`;
}
