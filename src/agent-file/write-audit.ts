/**
 * The audit record of an agent.lock write: which layers changed. Compared on
 * the decrypted documents (canonical JSON per layer), so a re-encryption that
 * changes nothing records no layer. Only computed when the audit log is on.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { audit, getAuditLog } from "../output/audit.js";
import { decryptStoredForm, parseAgentLock } from "../core/agent-lock.js";
import { canonicalJson } from "../core/canonical.js";
import type { RepoKey } from "../core/key-material.js";
import { LAYER_NAMES, type JsonObject, type WorkingForm } from "../core/schema.js";

const SLOTS = ["meta", ...LAYER_NAMES] as const;

function slotText(doc: WorkingForm, slot: (typeof SLOTS)[number]): string {
  const value = slot === "meta" ? doc.agent : doc[slot];
  return value === undefined ? "" : canonicalJson(value as JsonObject);
}

/** The slots ("meta", "credentials", "personality", "memory") whose content differs. */
export function changedLayers(before: WorkingForm | undefined, after: WorkingForm): string[] {
  if (!before) return SLOTS.filter((slot) => slotText(after, slot) !== "");
  return SLOTS.filter((slot) => slotText(before, slot) !== slotText(after, slot));
}

/** What the file held before a write, when it can be read with what is at hand. */
function previousDocument(path: string, text: string, repoKey: RepoKey | undefined): WorkingForm | undefined {
  try {
    const parsed = parseAgentLock(text, path);
    if (parsed.form === "working") return parsed.doc;
    if (parsed.form === "stored" && repoKey && parsed.stored.key === repoKey.fingerprint) return decryptStoredForm(parsed.stored, repoKey, path);
  } catch {
    // unreadable before: every layer counts as changed
  }
  return undefined;
}

/** Captures the state before a write; returns the function that records the write afterwards. */
export function prepareWriteAudit(
  path: string,
  readText: () => string,
  options: { form: "working" | "stored"; repoKey?: RepoKey; previous?: WorkingForm },
): ((doc: WorkingForm) => void) | undefined {
  if (!getAuditLog()) return undefined;
  const created = !existsSync(path);
  let before = options.previous;
  let known = true;
  if (!before && !created) {
    before = previousDocument(path, readText(), options.repoKey);
    known = before !== undefined;
  }
  return (doc) => {
    const layers = known ? changedLayers(before, doc) : [...SLOTS];
    audit({ event: "agent_lock.write", file: resolve(path), form: options.form, layers, created });
  };
}
