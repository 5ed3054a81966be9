/**
 * Values given on the command line for memory and personality: JSON when the
 * text is valid JSON (`42`, `true`, `["a"]`, `{"k":1}`, `"quoted"`), else the
 * text itself as a string.
 */
import { assertJsonDepth } from "../core/json-depth.js";
import type { JsonValue } from "../core/schema.js";

/** The JSON value a command-line word stands for; INVALID_FILE when it nests deeper than any file may. */
export function parseValueArgument(text: string, asString = false): JsonValue {
  if (asString) return text;
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
  assertJsonDepth(value, text, "the value");
  return value;
}

/**
 * Sets an own key, even "__proto__" (plain assignment would replace the
 * prototype and drop the data silently; as an own key the document check
 * refuses it with a message).
 */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
