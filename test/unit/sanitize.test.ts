/** The one sanitizer of text from data on its way to a terminal (src/output/sanitize.ts). */
import { describe, expect, it } from "vitest";
import { sanitize, sanitizeInline, sanitizeMessage } from "../../src/output/sanitize.js";

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
