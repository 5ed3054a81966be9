/**
 * A limit on how deeply JSON may nest. JSON.parse takes any depth, but the
 * walks that follow (the schema, canonical JSON, the textconv rendering, the
 * merge) recurse, and a file nested 5,000 levels deep overflowed the stack
 * ("internal error"). A file from a repository is checked right after it is
 * parsed, so that depth is a typed error with a hint instead.
 */
import { BackpackError } from "../errors/errors.js";

/** The deepest nesting of objects and arrays accepted (the top level is 1). */
export const MAX_JSON_DEPTH = 256;

/**
 * True when `value` nests deeper than `limit`. Recursive, but it stops at the
 * limit, so it never goes deeper than that itself. Text shorter than the
 * limit cannot nest that deep: callers may skip the walk for it.
 */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== "object") return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === "object" && nestsDeeperThan(item, limit - 1)) return true;
    return false;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === "object" && nestsDeeperThan(item, limit - 1)) return true;
  }
  return false;
}

/** The error for JSON nested too deeply; `name` names the file or layer. */
export function tooDeepError(name: string): BackpackError {
  return new BackpackError(
    "INVALID_FILE",
    `${name} nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
    "flatten the deepest part: no agent needs that depth, and backpack refuses it so that no file can exhaust its stack",
  );
}

/** Throws tooDeepError when parsed JSON from `text` nests too deeply (`text` is the parsed text: short text skips the walk). */
export function assertJsonDepth(value: unknown, text: string, name: string): void {
  if (text.length > MAX_JSON_DEPTH * 2 && nestsDeeperThan(value)) throw tooDeepError(name);
}
