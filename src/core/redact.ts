/**
 * Redaction of credential values for display: a command shows that a value is
 * embedded, never the value, unless the user opts in.
 */
import type { WorkingForm } from "./schema.js";

export const REDACTED = "[redacted]";

/** A copy of the credentials layer with every embedded value replaced. */
export function redactCredentials(credentials: WorkingForm["credentials"]): WorkingForm["credentials"] {
  const out: WorkingForm["credentials"] = {};
  for (const [name, entry] of Object.entries(credentials)) {
    out[name] = entry.source === "embedded" ? { ...entry, value: REDACTED } : { ...entry };
  }
  return out;
}

/** The embedded credential values of a document (for the scanner's known-secret list). */
export function embeddedValues(doc: WorkingForm): string[] {
  return Object.values(doc.credentials).flatMap((entry) => (entry.source === "embedded" && entry.value ? [entry.value] : []));
}
