import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, findProtoKey, isJsonObject, writeCanonical } from "../../src/core/canonical.js";
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

/** Keys sorted by UTF-16 code unit, as RFC 8785 orders them. */
function codeUnitOrder(text: string): boolean {
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v !== "object") return true;
    if (Array.isArray(v)) return v.every(walk);
    return Object.values(v).every(walk);
  };
  return walk(JSON.parse(text));
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
