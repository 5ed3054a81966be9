/**
 * Values given on the command line for memory and personality: JSON when the
 * text is valid JSON (`42`, `true`, `["a"]`, `{"k":1}`, `"quoted"`), else the
 * text itself as a string.
 */
import type { JsonValue } from "../core/schema.js";

/** The JSON value a command-line word stands for. */
export function parseValueArgument(text: string, asString = false): JsonValue {
  if (asString) return text;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * Sets an own key, even "__proto__" (plain assignment would replace the
 * prototype and drop the data silently; as an own key the document check
 * refuses it with a message).
 */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
