/** The one sanitizer of text from data on its way to a terminal (src/output/sanitize.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitize, sanitizeInline, sanitizeMessage, stringifiedJsonIsSafe } from "../../src/output/sanitize.js";

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("sanitizeMessage", () => {
  const fromData = "k\u001b]0;pwned\u0007\u001b[31mred\u001b[0m\u009b2J\u202e";

  it("with colour off (a pipe, NO_COLOR) escapes every sequence, colour changes from data included", () => {
    const out = sanitizeMessage(`memory.${fromData} set`, false);
    expect(out).not.toMatch(RAW);
    expect(out).toContain("\\u001b[31m");
  });

  it("with colour on keeps only the colour changes backpack writes, and escapes the rest", () => {
    const out = sanitizeMessage(`\u001b[31mbackpack:\u001b[0m ${"\u001b]0;t\u0007"}`, true);
    expect(out.startsWith("\u001b[31mbackpack:\u001b[0m ")).toBe(true);
    expect(out).toContain("\\u001b]0;t\\u0007");
  });
});

describe("sanitize and sanitizeInline", () => {
  it("keep line feeds and tabs (sanitize) or escape them too (inline)", () => {
    expect(sanitize("a\nb\tc\rd")).toBe("a\nb\tc\\u000dd");
    expect(sanitizeInline("a\nb")).toBe("a\\u000ab");
  });
});

describe("stringifiedJsonIsSafe", () => {
  const bytes = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");

  it("says safe only when sanitize leaves JSON.stringify's text as it is, for any string in it", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.oneof(fc.string({ unit: "binary" }), fc.string())), (value) => {
        const json = bytes(value);
        const text = json.toString("utf8");
        // Safe means unchanged; unchanged text that is not safe is allowed (sanitize decides then).
        if (stringifiedJsonIsSafe(json)) expect(sanitize(text)).toBe(text);
      }),
    );
  });

  it("is false for every character sanitize escapes inside a JSON string, and true for plain ASCII", () => {
    for (const char of ["\u007f", "\u0085", "\u009b", "\u061c", "\u200e", "\u2028", "\u202e", "\u2067"]) {
      const json = bytes({ prompt: `a${char}b` });
      expect(sanitize(json.toString("utf8"))).not.toBe(json.toString("utf8"));
      expect(stringifiedJsonIsSafe(json)).toBe(false);
    }
    // C0 controls and a lone carriage return: JSON.stringify escapes them itself.
    expect(stringifiedJsonIsSafe(bytes({ prompt: "a\u001b]0;x\u0007\rb\n\t" }))).toBe(true);
    expect(stringifiedJsonIsSafe(bytes({ note: "café" }))).toBe(false);
  });
});
