/**
 * Canonical JSON: object keys sorted by UTF-16 code unit at every depth (the
 * order RFC 8785 uses), no insignificant white space, JSON.stringify's number
 * and string forms. Each layer is serialised this way before encryption, so
 * formatting and key order alone never change a ciphertext.
 */
import type { JsonValue } from "./types.js";

/** The canonical text of a JSON value. */
export function canonicalJson(value: JsonValue): string {
  // Most values arrive in canonical order already (smudge writes them so, and a layer decrypts so):
  // then JSON.stringify alone gives the canonical text, without a replacer call per value (a third of
  // the time of cleaning a 1 MB memory layer).
  if (isCanonicalOrder(value)) return JSON.stringify(value);
  return hasIntegerLikeKey(value) ? writeCanonical(value) : JSON.stringify(value, sortingReplacer);
}

/** True when every object's keys are in code-unit order and none is integer-like (so JavaScript keeps that order). */
function isCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === "object" && !isCanonicalOrder(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    if ((previous !== undefined && !(previous < key)) || isIntegerLike(key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === "object" && !isCanonicalOrder(item)) return false;
    previous = key;
  }
  return true;
}

/**
 * The canonical text, written out key by key. Needed when an object has
 * integer-like keys ("2", "10"): a JavaScript object lists those first, in
 * numeric order, whatever order they were inserted in, so JSON.stringify
 * cannot give code-unit order for them. Properties whose value is undefined
 * are left out, as JSON.stringify does.
 */
export function writeCanonical(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : writeCanonical(item))).join(",")}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${writeCanonical(item)}`);
  }
  return `{${parts.join(",")}}`;
}

/** JSON.stringify replacer giving each object with its keys sorted (a copy only when they are not). About twice as fast as writeCanonical. */
function sortingReplacer(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] as string) < (keys[i] as string);
  if (sorted) return value;
  const out: Record<string, unknown> = {};
  for (const key of keys.sort()) {
    if (key === "__proto__") Object.defineProperty(out, key, { value: (value as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
    else out[key] = (value as Record<string, unknown>)[key];
  }
  return out;
}

/** Array indices as JavaScript orders them: "0" and 1..2^32-2 without leading zeros. */
function isIntegerLike(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  return /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

function hasIntegerLikeKey(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasIntegerLikeKey(item)) return true;
    return false;
  }
  for (const key in value) if (isIntegerLike(key) || hasIntegerLikeKey((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Sorts object keys recursively (for display: the working form); arrays keep
 * their order. What is already in order comes back as it is, not copied: a
 * decrypted layer always is (it was canonical JSON), and smudge sorts every
 * layer of every file it checks out.
 */
export function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    let out: JsonValue[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = sortKeysDeep(value[i] as JsonValue);
      if (item !== value[i]) (out ??= value.slice())[i] = item;
    }
    return out ?? value;
  }
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = (keys[i - 1] as string) < (keys[i] as string);
  if (!inOrder) keys.sort();
  let out: { [key: string]: JsonValue } | undefined = inOrder ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = sortKeysDeep(value[key] as JsonValue);
    if (!out && item !== value[key]) {
      out = {};
      for (const earlier of keys.slice(0, i)) setData(out, earlier, value[earlier] as JsonValue);
    }
    if (out) setData(out, key, item);
  }
  return out ?? value;
}

/** Sets a property as data; "__proto__" by defineProperty, as it is never a prototype here. */
function setData(target: { [key: string]: JsonValue }, key: string, item: JsonValue): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value: item, enumerable: true, writable: true, configurable: true });
  else target[key] = item;
}

/**
 * The path of the first "__proto__" key in a parsed JSON value, if any. Such
 * keys are refused: JavaScript objects (and zod) would turn them into a
 * prototype, silently dropping the data, so they could not round-trip. The
 * path is built only on the way back from a find, so the common case allocates
 * nothing.
 */
export function findProtoKey(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findProtoKey(value[i]);
      if (found) return `${i}.${found}`;
    }
    return undefined;
  }
  for (const key in value) {
    if (key === "__proto__") return key;
    const found = findProtoKey((value as Record<string, unknown>)[key]);
    if (found) return `${key}.${found}`;
  }
  return undefined;
}

/** JSON text without a leading byte-order mark (editors on Windows write one; JSON.parse refuses it). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for an object that is neither null nor an array: what JSON calls an object. */
export function isRecord<T = unknown>(value: unknown): value is Record<string, T> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * True for the Python tool's format 1.0 shape: `layers` with credentials,
 * personality and memory, each `{data, salt}` strings, and no stored-form
 * marker. The Python tool never reads the `version` field, so a file without
 * it (or with another value) is format 1.0 as long as it has this shape.
 */
export function hasV1Shape(obj: Record<string, unknown>): boolean {
  if (obj.backpack !== undefined || obj.cipher !== undefined || obj.version === 2 || !isRecord(obj.layers)) return false;
  const layers = obj.layers;
  return ["credentials", "personality", "memory"].every((name) => {
    const layer = layers[name];
    return isRecord(layer) && typeof layer.data === "string" && typeof layer.salt === "string";
  });
}

/** True when every key of `obj` is one of `allowed`. */
export function onlyKeys(obj: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  return Object.keys(obj).every((k) => allowed.has(k));
}

/**
 * True for a plain JSON object whose every value is JSON: strings, finite
 * numbers, booleans, null, arrays and plain objects. A fast stand-in for the
 * recursive zod schema on the free-form layers (zod's union costs about
 * 100 ms per MB), used on values that come from JSON.parse.
 */
export function isJsonObject(value: unknown): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && isJsonValue(value);
}

function isJsonValue(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJsonValue);
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
      for (const key in value) if (!isJsonValue((value as Record<string, unknown>)[key])) return false;
      return true;
    default:
      return false;
  }
}
