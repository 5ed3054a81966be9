/**
 * Remembered consent: the credential names a user answered "always" for, per
 * agent. Kept in `consent.json` under the user's config dir (mode 0600), keyed
 * by the agent.lock's real path, never by the agent's name: a name is chosen
 * by whoever wrote the file, so a cloned agent could borrow a trusted one's
 * name. Holds names only, never values.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { withFileLock } from "../io/file-lock.js";
import { userConfigDir } from "../config/paths.js";

const consentSchema = z.object({
  version: z.literal(1),
  agents: z.record(z.string(), z.object({ name: z.string().optional(), always: z.array(z.string()) })),
});
type ConsentFile = z.infer<typeof consentSchema>;

/** The consent file's path. */
export function consentPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "consent.json");
}

/** The key an agent's consent is remembered under. */
export function agentConsentKey(agentFile: string): string {
  try {
    return realpathSync(agentFile);
  } catch {
    return resolve(agentFile);
  }
}

function readConsent(path: string): ConsentFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, agents: {} };
    throw new BackpackError("IO", `cannot read ${path}`, "check its permissions");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = consentSchema.safeParse(json);
  if (!parsed.success) throw new BackpackError("INVALID_FILE", `${path} is damaged`, "delete it; backpack asks for consent again");
  return parsed.data;
}

/** The names the user always allows for this agent. */
export function rememberedConsent(agentFile: string, env: NodeJS.ProcessEnv = process.env): Set<string> {
  const entry = readConsent(consentPath(env)).agents[agentConsentKey(agentFile)];
  return new Set(entry?.always ?? []);
}

/** Adds names to the agent's "always" list. */
export async function rememberConsent(agentFile: string, names: string[], agentName: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (names.length === 0) return;
  const path = consentPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  await withFileLock(path, () => {
    const file = readConsent(path);
    const key = agentConsentKey(agentFile);
    const always = new Set([...(file.agents[key]?.always ?? []), ...names]);
    file.agents[key] = { ...(agentName ? { name: agentName } : {}), always: [...always].sort() };
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  });
}

/** Forgets every remembered answer for this agent; true when there was one. */
export async function forgetConsent(agentFile: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const path = consentPath(env);
  if (!existsSync(path)) return false;
  return withFileLock(path, () => {
    const file = readConsent(path);
    const key = agentConsentKey(agentFile);
    if (!file.agents[key]) return false;
    delete file.agents[key];
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    return true;
  });
}
