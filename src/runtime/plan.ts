/**
 * Preparing `backpack run`: load the agent.lock, resolve its credentials,
 * get consent for vault values, and build the child's environment.
 *
 * Consent is asked for values from the personal vault only: they are the
 * user's own keys, lent to this agent. A value already in the environment was
 * put there by the user; an embedded value belongs to the agent itself.
 * Without a terminal to ask on (and not declared non-interactive), a vault
 * value without a remembered "always" is withheld: fail closed.
 */
import { resolve } from "node:path";
import { audit } from "../output/audit.js";
import { isCiEnvironment } from "../io/ci-environment.js";
import { MASTER_KEY_ENV } from "../keys/env-source.js";
import type { WorkingForm } from "../core/schema.js";
import { loadAgentFile } from "../agent-file/agent-file.js";
import type { CommandContext } from "../git/context.js";
import { log } from "../output/log.js";
import { cliEntry } from "../package/package-root.js";
import { rememberConsent, rememberedConsent } from "./consent.js";
import { Vault } from "../keys/vault.js";
import { type CredentialSource, type ResolvedCredential, type VaultReader, resolveCredentials } from "./credentials.js";
import { DEFAULT_INJECTION_POLICY, type InjectionPolicy, agentEnvironment, assertSafeToInject } from "./inject.js";
import { contextForFile } from "./update.js";

export type ConsentAnswer = "yes" | "no" | "always";

/** Asks the user whether this agent may use a vault credential. */
export type ConsentPrompt = (question: { name: string; agent: string }) => ConsentAnswer | undefined;

export interface PlanOptions {
  /** The agent.lock (default: agent.lock in the working directory). */
  file: string;
  env: NodeJS.ProcessEnv;
  /** Grant every credential without asking (--non-interactive, CI, AGENT_MASTER_KEY). */
  nonInteractive: boolean;
  /** How to ask; undefined when there is no terminal. */
  ask: ConsentPrompt | undefined;
  /** Ask again even where "always" was answered before. */
  ignoreRemembered?: boolean;
  ctx?: CommandContext;
  vault?: VaultReader;
  /** Risky names the user allows, and whether the master key goes to the child (default: none, no). */
  policy?: InjectionPolicy;
}

export interface RunPlan {
  file: string;
  doc: WorkingForm;
  env: NodeJS.ProcessEnv;
  /** Set in the child's environment by backpack. */
  injected: Array<{ name: string; source: CredentialSource }>;
  /** Already in the environment: passed through as they are. */
  fromEnvironment: string[];
  /** Found in the vault but not granted, and why. */
  withheld: Array<{ name: string; reason: "declined" | "no-terminal" }>;
  missing: string[];
}

/**
 * True when `backpack run` must not prompt: the flag, CI=true (or 1), or the
 * master key variable set (AGENT_MASTER_KEY unless master_key_env names another).
 */
export function isNonInteractive(flag: boolean | undefined, env: NodeJS.ProcessEnv, masterKeyEnv: string = MASTER_KEY_ENV): boolean {
  return Boolean(flag) || isCiEnvironment(env) || Boolean(env[masterKeyEnv]);
}

/** Loads the agent and decides, credential by credential, what the child gets. */
export async function planRun(options: PlanOptions): Promise<RunPlan> {
  const file = resolve(options.file);
  const ctx = options.ctx ?? contextForFile(file, options.env);
  const loaded = await loadAgentFile(file, ctx.resolver);
  const doc = loaded.doc;
  log.debug("agent loaded", { operation: "run", file, form: loaded.form, credentials: Object.keys(doc.credentials).length });
  const policy = options.policy ?? { ...DEFAULT_INJECTION_POLICY, masterKeyEnv: [...new Set([MASTER_KEY_ENV, ctx.settings.masterKeyEnv])] };
  // Refused before anything is read from the vault or asked: a risky name never gets as far as a question.
  assertSafeToInject(
    Object.entries(doc.credentials)
      .filter(([name]) => options.env[name] === undefined)
      .map(([name]) => name),
    policy,
    file,
  );
  const resolved = await resolveCredentials(doc, options.env, options.vault ?? new Vault(ctx.sources));
  const remembered = options.ignoreRemembered ? new Set<string>() : rememberedConsent(file, options.env);
  const plan: RunPlan = { file, doc, env: {}, injected: [], fromEnvironment: [], withheld: [], missing: [] };
  const granted: ResolvedCredential[] = [];
  const always: string[] = [];
  for (const credential of resolved) {
    const { name, source } = credential;
    if (source === undefined) {
      plan.missing.push(name);
      audit({ event: "credential.access", name, source: "missing", outcome: "missing", agent: file });
      continue;
    }
    if (source === "environment") {
      plan.fromEnvironment.push(name);
      audit({ event: "credential.access", name, source, outcome: "injected", agent: file });
      continue;
    }
    let allowed = source === "embedded" || options.nonInteractive || remembered.has(name);
    let reason: "declined" | "no-terminal" = "declined";
    if (!allowed) {
      const answer = options.ask?.({ name, agent: doc.agent?.name ?? file });
      if (answer === undefined && !options.ask) reason = "no-terminal";
      allowed = answer === "yes" || answer === "always";
      if (answer === "always") always.push(name);
    }
    if (allowed) {
      granted.push(credential);
      plan.injected.push({ name, source });
      log.info("credential granted", { operation: "run", key: name, source });
    } else {
      plan.withheld.push({ name, reason });
      log.info("credential withheld", { operation: "run", key: name, reason });
    }
    audit({ event: "credential.access", name, source, outcome: allowed ? "injected" : "declined", agent: file });
  }
  await rememberConsent(file, always, doc.agent?.name, options.env);
  plan.env = agentEnvironment(options.env, doc, file, granted, cliEntry(), policy);
  return plan;
}
