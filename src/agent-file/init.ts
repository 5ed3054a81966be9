/** Building a new agent document from `init` / quickstart options. */
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { emptyWorkingForm } from "../core/agent-lock.js";
import { CREDENTIAL_NAME, type WorkingForm } from "../core/schema.js";

/** Splits "A, B,C" into names, rejecting ones that are not valid env names. */
export function parseCredentialNames(list: string | undefined): string[] {
  if (!list) return [];
  const names = list.split(",").map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!CREDENTIAL_NAME.test(name)) {
      throw new BackpackError("USAGE", `"${name}" is not a valid credential name`, "use letters, digits and _, not starting with a digit (e.g. OPENAI_API_KEY)");
    }
  }
  return [...new Set(names)];
}

/**
 * The personality `backpack init` writes when none is given: the Python tool's
 * defaults, so an agent reading AGENT_SYSTEM_PROMPT / AGENT_TONE finds them set.
 */
export const DEFAULT_PERSONALITY = { systemPrompt: "You are a helpful AI assistant.", tone: "professional" } as const;

export interface NewAgentOptions {
  credentials: string[];
  systemPrompt?: string;
  tone?: string;
  name?: string;
}

/** A new working-form document with placeholder credentials. */
export function createAgentDocument(options: NewAgentOptions): WorkingForm {
  const doc = emptyWorkingForm();
  for (const name of options.credentials) doc.credentials[name] = { source: "vault" };
  if (options.systemPrompt !== undefined) doc.personality.system_prompt = options.systemPrompt;
  if (options.tone !== undefined) doc.personality.tone = options.tone;
  if (options.name !== undefined) doc.agent = { name: options.name };
  return doc;
}

/** Agent names show in scripts and messages: letters, digits, spaces, _ . -, at most 64. */
const AGENT_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,63}$/u;

/** Why `name` is not a usable agent name, or undefined when it is. */
export function agentNameProblem(name: string): string | undefined {
  if (AGENT_NAME.test(name)) return undefined;
  return "use letters, digits, spaces, _ . and - (at most 64, starting with a letter or digit)";
}

/** Why a comma-separated list is not a list of credential names, or undefined when it is. */
export function credentialListProblem(list: string): string | undefined {
  try {
    parseCredentialNames(list);
    return undefined;
  } catch (error) {
    return isBackpackError(error) ? `${error.message}: ${error.hint ?? ""}`.trim() : String(error);
  }
}

/** A folder name turned into a usable agent name (the quickstart default). */
export function agentNameFromFolder(folder: string): string {
  const cleaned = folder.replace(/[^\p{L}\p{N} _.-]+/gu, "-").replace(/^[^\p{L}\p{N}]+/u, "").slice(0, 64);
  return cleaned || "my-agent";
}
