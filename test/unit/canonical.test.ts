import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, findProtoKey, isJsonObject, sortKeysDeep, writeCanonical } from "../../src/core/canonical.js";
import type { JsonValue } from "../../src/core/schema.js";

/** JSON values with keys JavaScript reorders ("0", "10", "9") next to others ("$", "a", "_"). */
const key = fc.oneof(fc.string(), fc.constantFrom("0", "1", "9", "10", "007", "4294967294", "4294967295", "$ref", "_", "a", "-1"));
const json = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }).filter((o) => !Object.keys(o).includes("__proto__")),
  ),
})).value;

/** True when every object in the JSON text lists its keys in UTF-16 code-unit order (RFC 8785's), read off the text itself. */
function codeUnitOrder(text: string): boolean {
  let at = 0;
  let ordered = true;
  const string = (): string => {
    const start = at++;
    while (text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): void => {
    const open = text[at];
    if (open === '"') {
      string();
      return;
    }
    if (open !== "{" && open !== "[") {
      while (at < text.length && !",]}".includes(text[at] as string)) at++;
      return;
    }
    at++;
    let previous: string | undefined;
    while (text[at] !== (open === "{" ? "}" : "]")) {
      if (open === "{") {
        const key = string();
        if (previous !== undefined && !(previous < key)) ordered = false;
        previous = key;
        at++; // the colon
      }
      value();
      if (text[at] === ",") at++;
    }
    at++;
  };
  value();
  return ordered;
}

/** sortKeysDeep as it was first written: a sorted copy of everything. The reference for the one that copies only what is out of order. */
function sortedCopy(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: JsonValue } = {};
  for (const k of Object.keys(value).sort()) out[k] = sortedCopy(value[k] as JsonValue);
  return out;
}

function hasIntegerLikeKey(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some(hasIntegerLikeKey);
  return Object.entries(value).some(([k, v]) => /^(0|[1-9]\d*)$/.test(k) || hasIntegerLikeKey(v));
}

describe("canonical JSON", () => {
  it("the fast path and the written-out form agree on any JSON", () => {
    fc.assert(fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(writeCanonical(value));
      }), { numRuns: 500 });
  });

  it("orders keys by code unit, integer-like keys included, at every depth", () => {
    const value = { b: 1, "10": { z: 1, "9": 2, a: 3 }, "9": 3, $: 4, a: [{ y: 1, x: 2 }] };
    expect(canonicalJson(value)).toBe('{"$":4,"10":{"9":2,"a":3,"z":1},"9":3,"a":[{"x":2,"y":1}],"b":1}');
    expect(codeUnitOrder(canonicalJson(value))).toBe(true);
    expect(codeUnitOrder('{"b":1,"a":2}')).toBe(false);
    expect(codeUnitOrder('{"a":[{"y":1,"x":"}"}]}')).toBe(false);
    fc.assert(fc.property(json, (v) => {
        expect(codeUnitOrder(canonicalJson(v))).toBe(true);
      }), { numRuns: 300 });
  });

  it("is the same text for the same value, whatever the insertion order", () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue() as fc.Arbitrary<JsonValue>, { maxKeys: 8 }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});

describe("sortKeysDeep", () => {
  it("gives what a sorted copy of everything gives, and changes nothing it was given", () => {
    fc.assert(fc.property(json, (value) => {
        const before = JSON.stringify(value);
        expect(JSON.stringify(sortKeysDeep(value))).toBe(JSON.stringify(sortedCopy(value)));
        expect(JSON.stringify(value)).toBe(before);
      }), { numRuns: 500 });
  });

  it("returns a value already in order as it is (a decrypted layer), and copies only what is out of order", () => {
    fc.assert(fc.property(json.filter((v) => !hasIntegerLikeKey(v)), (value) => {
        const parsed = JSON.parse(canonicalJson(value)) as JsonValue;
        expect(sortKeysDeep(parsed)).toBe(parsed);
      }), { numRuns: 300 });
    const doc = JSON.parse('{"a":{"y":1,"x":2},"b":[{"k":1}],"c":{"m":1}}') as { [key: string]: JsonValue };
    const sorted = sortKeysDeep(doc) as { [key: string]: JsonValue };
    expect(sorted).not.toBe(doc);
    expect(Object.keys(sorted.a as object)).toEqual(["x", "y"]);
    expect(sorted.b).toBe(doc.b);
    expect(sorted.c).toBe(doc.c);
  });

  it("keeps a __proto__ key as data", () => {
    const sorted = sortKeysDeep(JSON.parse('{"z":1,"__proto__":{"a":1}}') as JsonValue) as object;
    expect(Object.keys(sorted)).toEqual(["__proto__", "z"]);
    expect(Object.getPrototypeOf(sorted)).toBe(Object.prototype);
  });
});

describe("fast checks on parsed JSON", () => {
  it("isJsonObject accepts any parsed JSON object and refuses what JSON cannot hold", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
          expect(isJsonObject(JSON.parse(JSON.stringify(obj)))).toBe(true);
        }),
    );
    for (const bad of [[], null, "x", { a: Number.POSITIVE_INFINITY }, { a: undefined }, { a: new Date(0) }, { a: [1, () => 1] }]) {
      expect(isJsonObject(bad)).toBe(false);
    }
  });

  it("findProtoKey names the path of a __proto__ key, at any depth", () => {
    expect(findProtoKey(JSON.parse('{"a":[1,{"__proto__":{}}]}'))).toBe("a.1.__proto__");
    expect(findProtoKey(JSON.parse('{"a":[1,{"b":{}}]}'))).toBeUndefined();
  });
});
