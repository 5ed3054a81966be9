/**
 * Agent templates: a folder with a manifest (template.json), an agent script
 * and a README. The manifest says what the agent needs (credential names with
 * what each is for), who it is (personality), what it starts knowing (memory)
 * and which script runs it. Pure: the schema, and the agent document a
 * template gives.
 */
import { z } from "zod";
import { emptyWorkingForm } from "./agent-lock.js";
import { CREDENTIAL_NAME, type JsonObject, type WorkingForm, jsonValueSchema } from "./schema.js";

/** The manifest's file name inside a template folder. */
export const TEMPLATE_MANIFEST = "template.json";
/** The README every template ships. */
export const TEMPLATE_README = "README.md";
/**
 * The Python module of helpers (backpack CLI, memory, one model call) the
 * built-in scripts import: kept once in templates/_shared/ and written next
 * to each script that imports it, so the script runs on its own.
 */
export const SHARED_HELPER = "backpack_agent.py";

/** Template names are folder names and command arguments: lower case, digits, _ and -. */
export const TEMPLATE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** A script file name in the template folder (no path), with an extension `backpack run` knows. */
const ENTRY_SCRIPT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(py|js|mjs|cjs|ts|sh)$/;

export const templateCredentialSchema = z
  .object({
    name: z.string().regex(CREDENTIAL_NAME, "credential names are letters, digits and _, not starting with a digit"),
    description: z.string().min(1, "say what the credential is for"),
    /** False for credentials the agent can do without (it says so when they are missing). */
    required: z.boolean().default(true),
  })
  .strict();

export const templateManifestSchema = z
  .object({
    name: z.string().regex(TEMPLATE_NAME, "lower-case letters, digits, _ and -, starting with a letter"),
    description: z.string().min(1),
    credentials: z.array(templateCredentialSchema),
    personality: z
      .object({ system_prompt: z.string().min(1), tone: z.string().min(1).optional() })
      .catchall(jsonValueSchema),
    memory: z.record(z.string(), jsonValueSchema).default({}),
    entry: z.string().regex(ENTRY_SCRIPT, "a script file name in the template folder (.py, .js, .mjs, .cjs, .ts or .sh)"),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.credentials.forEach((credential, i) => {
      if (seen.has(credential.name)) ctx.addIssue({ code: "custom", path: ["credentials", i, "name"], message: `${credential.name} is listed twice` });
      seen.add(credential.name);
    });
    if (manifest.entry === TEMPLATE_MANIFEST || manifest.entry === TEMPLATE_README) {
      ctx.addIssue({ code: "custom", path: ["entry"], message: "the entry must be the agent script" });
    }
  });

export type TemplateManifest = z.infer<typeof templateManifestSchema>;

/** The first problem zod found, as "path: message". */
export function describeManifestIssue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "it does not match the schema";
  return `${first.path.length ? first.path.join(".") : "top level"}: ${first.message}`;
}

export interface TemplateAgentOptions {
  /** The agent's name (default: the template's name). */
  agentName?: string;
  /** Replaces the template's system prompt / tone. */
  systemPrompt?: string;
  tone?: string;
  /** Replaces the template's credential names (descriptions kept where names match). */
  credentials?: string[];
}

/** The working-form document a template gives: vault placeholders, its personality and initial memory. */
export function agentFromTemplate(manifest: TemplateManifest, options: TemplateAgentOptions = {}): WorkingForm {
  const doc = emptyWorkingForm();
  const described = new Map(manifest.credentials.map((c) => [c.name, c.description]));
  for (const name of options.credentials ?? manifest.credentials.map((c) => c.name)) {
    const description = described.get(name);
    doc.credentials[name] = description ? { source: "vault", description } : { source: "vault" };
  }
  doc.personality = structuredClone(manifest.personality) as JsonObject;
  if (options.systemPrompt !== undefined) doc.personality.system_prompt = options.systemPrompt;
  if (options.tone !== undefined) doc.personality.tone = options.tone;
  doc.memory = structuredClone(manifest.memory) as JsonObject;
  doc.agent = { name: options.agentName ?? manifest.name, description: manifest.description, template: manifest.name };
  return doc;
}
