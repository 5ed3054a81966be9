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

/** `text` with every secret in it replaced by `<secret #i>`: diagnostics (a failed status, a terminal's screen) safe to print. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret, i) => (secret.length > 0 ? out.split(secret).join(`<secret #${i}>`) : out), text);
}

/** Throws naming the secret's index and length (never its value) when any text contains one. */
export function assertNoSecrets(texts: string[], secrets: string[]): void {
  secrets.forEach((secret, i) => {
    texts.forEach((text, t) => {
      if (secret.length > 0 && text.includes(secret)) throw new Error(`secret #${i} (length ${secret.length}) leaked into text #${t}`);
    });
  });
}

/**
 * Throws naming the secret's index and length unless every one is in `found`:
 * contained in it (a text), or one of its items exactly (a list of values).
 */
export function assertHasSecrets(found: string | readonly string[], secrets: string[], what = "the text"): void {
  secrets.forEach((secret, i) => {
    if (!found.includes(secret)) throw new Error(`${what} (length ${found.length}) does not contain secret #${i} (length ${secret.length})`);
  });
}

/** What a value is, without the value: "missing", "a string of length 12", "an array of 3", "an object with keys [a, b]". */
function shape(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") return `a string of length ${value.length}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return `an object with keys [${Object.keys(value).sort().join(", ")}]`;
  return `a ${typeof value}`;
}

/** Paths (object keys and array indexes, never values) where `actual` and `expected` differ. */
function differences(actual: unknown, expected: unknown, path: string, out: string[]): void {
  if (out.length >= 5 || Object.is(actual, expected)) return;
  const bothObjects = typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null && Array.isArray(actual) === Array.isArray(expected);
  if (!bothObjects) {
    let where = "";
    if (typeof actual === "string" && typeof expected === "string") {
      let i = 0;
      while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
      where = `, first difference at index ${i}`;
    }
    out.push(`${path || "(top)"}: ${shape(actual)}, expected ${shape(expected)}${where}`);
    return;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(e), ...Object.keys(a)])]) {
    differences(a[key], e[key], Array.isArray(expected) ? `${path}[${key}]` : path ? `${path}.${key}` : key, out);
  }
}

/**
 * Deep equality for data holding secrets (decrypted documents, vault values,
 * parsed .env files): on failure, throws naming `what` and up to five paths
 * that differ, with the kind and length of each side, never a value. A Map
 * compares as an object of its entries.
 */
export function assertSameData(actual: unknown, expected: unknown, what = "the value"): void {
  const plain = (v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v);
  const out: string[] = [];
  differences(plain(actual), plain(expected), "", out);
  if (out.length > 0) throw new Error(`${what} differs from what was expected (values not shown):\n  ${out.join("\n  ")}`);
}

/** Throws, naming `what` and the lengths (never the values), unless `actual` is exactly the string `expected`. */
export function assertSameSecret(actual: unknown, expected: string, what = "the value"): void {
  assertSameData(actual, expected, what);
}

/** Throws, naming `what` (never the value), when `actual` is not undefined. */
export function assertNoValue(actual: unknown, what = "the value"): void {
  if (actual !== undefined) throw new Error(`${what} is ${shape(actual)}, expected nothing`);
}

/** A copy of `pattern` without the g and y flags, whose lastIndex would carry over between calls. */
function withoutState(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
}

/**
 * Pattern checks on text that holds (or might hold) a secret, such as an
 * exported key: on failure, names `what`, its length and the pattern, never
 * the text.
 */
export function assertMatches(text: string, pattern: RegExp, what = "the text"): void {
  if (!withoutState(pattern).test(text)) throw new Error(`${what} (length ${text.length}) does not match ${String(pattern)}`);
}

/** The opposite of assertMatches: throws, saying where (not what), when `text` matches `pattern`. */
export function assertNoMatch(text: string, pattern: RegExp, what = "the text"): void {
  const found = withoutState(pattern).exec(text);
  if (found) throw new Error(`${what} (length ${text.length}) matches ${String(pattern)} at index ${found.index}`);
}
