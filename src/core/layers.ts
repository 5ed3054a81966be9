/**
 * The working form's text layout. Kept free of zod (like
 * stored-form.ts) because the smudge filter, which git runs on every checkout,
 * writes this layout.
 */
import { sortKeysDeep } from "./canonical.js";
import type { WorkingForm } from "./schema.js";
import { sealedPlaceholder } from "./sealed.js";
import { type JsonObject, type JsonValue, LAYER_NAMES } from "./types.js";

/**
 * The working form as the user sees it: 2-space JSON, fixed top-level order,
 * keys inside layers sorted (the canonical order), trailing newline.
 */
export function serializeWorkingForm(doc: WorkingForm): string {
  const ordered: { [key: string]: JsonValue } = { version: 2 };
  if (doc.id !== undefined) ordered.id = doc.id;
  if (doc.agent !== undefined) ordered.agent = sortKeysDeep(doc.agent as JsonObject);
  for (const layer of LAYER_NAMES) {
    const sealed = doc.sealed?.[layer];
    ordered[layer] = sealed ? sealedPlaceholder(sealed) : sortKeysDeep(doc[layer] as JsonObject);
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
