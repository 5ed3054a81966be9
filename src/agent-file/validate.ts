/** `backpack validate`: what the file is, and whether it is valid and authentic. */
import { decryptStoredForm, parseAgentLock } from "../core/agent-lock.js";
import type { KeyResolver } from "../keys/resolver.js";
import { readAgentFileText } from "./agent-file.js";

/**
 * Validates a file and returns a one-line verdict. Throws the BackpackError of
 * the first problem (invalid JSON, schema, wrong key, tampering).
 */
export async function validateAgentFile(path: string, resolver: KeyResolver): Promise<string> {
  const parsed = parseAgentLock(readAgentFileText(path), path);
  if (parsed.form === "working") return `${path}: valid working form (version 2, not encrypted)`;
  if (parsed.form === "v1") return `${path}: valid format 1.0 file (run \`backpack migrate ${path}\` to upgrade)`;
  const key = await resolver.tryKeyFor(parsed.stored);
  if (!key) return `${path}: valid stored form (version 2, key ${parsed.stored.key}; not authenticated: no key at hand)`;
  decryptStoredForm(parsed.stored, key, path);
  return `${path}: valid stored form (version 2, key ${parsed.stored.key}; every layer authenticated)`;
}
