/**
 * Fake secrets for tests, and assertions about them that never print one:
 * vitest shows both sides of a failed `expect`, so a test that compares or
 * searches for a secret with `expect` would put the value in the test output.
 * These report by name, index and length instead.
 */
import { createHash, randomBytes } from "node:crypto";

/** A unique fake secret (never a real credential), easy to search for in output. */
export function fakeSecret(label: string): string {
  return `${label}-${randomBytes(12).toString("hex")}`;
}

/** sha256 hex of a value: what test agents print instead of the value itself. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Throws naming the secret's index and length (never its value) when any text contains one. */
export function assertNoSecrets(texts: string[], secrets: string[]): void {
  secrets.forEach((secret, i) => {
    texts.forEach((text, t) => {
      if (secret.length > 0 && text.includes(secret)) throw new Error(`secret #${i} (length ${secret.length}) leaked into text #${t}`);
    });
  });
}

/** Throws naming the secret's index and length unless `text` contains every one. */
export function assertHasSecrets(text: string, secrets: string[], what = "the text"): void {
  secrets.forEach((secret, i) => {
    if (!text.includes(secret)) throw new Error(`${what} (length ${text.length}) does not contain secret #${i} (length ${secret.length})`);
  });
}

/** Where two strings first differ, and their lengths: a failure message that shows no value. */
function difference(actual: string | undefined, expected: string): string {
  if (actual === undefined) return `got nothing, expected a value of length ${expected.length}`;
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  return `got length ${actual.length}, expected length ${expected.length}, first difference at index ${i}`;
}

/** Throws, naming `what` and the lengths (never the values), unless `actual` is exactly `expected`. */
export function assertSameSecret(actual: unknown, expected: string, what = "the value"): void {
  if (actual === expected) return;
  if (actual !== undefined && typeof actual !== "string") throw new Error(`${what} is a ${actual === null ? "null" : typeof actual}, not a string`);
  throw new Error(`${what} is not the expected secret: ${difference(actual, expected)}`);
}

/**
 * Throws unless `actual` has exactly the names of `expected`, each with the
 * same value; names (never values) are printed.
 */
export function assertSameSecrets(actual: Record<string, unknown> | Map<string, unknown>, expected: Record<string, string>, what = "the values"): void {
  const got = actual instanceof Map ? Object.fromEntries(actual) : actual;
  const names = (o: object) => Object.keys(o).sort().join(", ");
  if (names(got) !== names(expected)) throw new Error(`${what} have the names [${names(got)}], expected [${names(expected)}]`);
  for (const [name, value] of Object.entries(expected)) assertSameSecret(got[name], value, `${what}: ${name}`);
}

/** Throws, naming `what` (never the value), when `actual` is not undefined. */
export function assertNoValue(actual: unknown, what = "the value"): void {
  if (actual !== undefined) throw new Error(`${what} is set (${typeof actual === "string" ? `length ${actual.length}` : typeof actual}), expected nothing`);
}
