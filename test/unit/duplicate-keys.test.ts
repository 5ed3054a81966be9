import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDuplicateKey } from "../../src/core/duplicate-keys.js";

describe("findDuplicateKey", () => {
  it("finds a duplicate at any depth, escaped or not, and names its path", () => {
    expect(findDuplicateKey('{"a":1,"a":2}')).toBe("a");
    expect(findDuplicateKey('{"a":{"b":[{"c":1,"c":2}]}}')).toBe("a.b.c");
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toBe("a");
    expect(findDuplicateKey('{"a":"}\\",\\"a\\":","b":1}')).toBeUndefined();
    expect(findDuplicateKey('[{"a":1},{"a":1}]')).toBeUndefined();
    expect(findDuplicateKey('{"a":{"x":1},"b":{"x":1}}')).toBeUndefined();
  });

  it("reads long strings and escapes anywhere: a backslash in one string, a duplicate after it", () => {
    const token = "A".repeat(5000);
    expect(findDuplicateKey(`{"a":"${token}","b":"x\\\\y\\"z","c":"${token}","b":1}`)).toBe("b");
    expect(findDuplicateKey(`{"a":"\\\\","b":"${token}","\\u0062":2}`)).toBe("b");
    expect(findDuplicateKey(`{"a":"\\"","a\\"":1,"a\\u0022":2}`)).toBe('a"');
    expect(findDuplicateKey(`{"k":"${token}\\\\","j":{"k":1},"l":[1,"\\\\",{"k":2}]}`)).toBeUndefined();
  });

  it("finds exactly the duplicates JSON.parse would collapse (a key repeated in generated objects)", () => {
    const entry = fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
        const keys = entries.map(([k]) => k);
        const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
        const found = findDuplicateKey(text);
        return repeated === undefined ? found === undefined : found !== undefined;
      }),
    );
  });

  it("never reports one for JSON.stringify output (no duplicates by construction)", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => findDuplicateKey(JSON.stringify(value)) === undefined));
  });
});
