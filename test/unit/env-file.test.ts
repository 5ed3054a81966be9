import fc from "fast-check";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { parseEnvText, renderEnvLine } from "../../src/agent-file/env-file.js";
import { isBackpackError } from "../../src/errors/errors.js";

describe(".env files", () => {
  it("parses with dotenv's rules and sorts out unusable entries", () => {
    const text = "# comment\nexport A_KEY=one\nB='two words'\nC=\"multi\\nline\"\nEMPTY=\nbad-name=x\n";
    expect(parseEnvText(text)).toEqual({
      entries: [
        { name: "A_KEY", value: "one" },
        { name: "B", value: "two words" },
        { name: "C", value: "multi\nline" },
      ],
      skipped: [
        { name: "EMPTY", reason: "empty" },
        { name: "bad-name", reason: "invalid-name" },
      ],
    });
  });

  const tricky = fc.string({ unit: fc.constantFrom("'", '"', "`", "\\", "n", "r", "\n", "\r", "#", " ", "=", "$", "a", "{", "}"), minLength: 1 });
  it.each([
    ["any text", fc.string({ unit: "grapheme", minLength: 1 })],
    ["quotes, backslashes, line breaks and hashes", tricky],
  ])("writes lines dotenv reads back exactly: %s", (_label, values) => {
    fc.assert(
      fc.property(values, (value) => {
        let line: string;
        try {
          line = renderEnvLine("KEY", value);
        } catch (error) {
          // Only values no quoting can hold are refused.
          expect(isBackpackError(error)).toBe(true);
          expect(value.includes("\r") || (value.includes("'") && value.includes("`") && (value.includes('"') || /\\[nr]/.test(value)))).toBe(true);
          return;
        }
        expect(parse(`${line}\n`).KEY).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps plain values bare and quotes the rest", () => {
    expect(renderEnvLine("K", "sk-abc_123/x+y=")).toBe("K='sk-abc_123/x+y='");
    expect(renderEnvLine("K", "sk-abc_123")).toBe("K=sk-abc_123");
    expect(renderEnvLine("K", "a # b")).toBe("K='a # b'");
    expect(renderEnvLine("K", "it's")).toBe("K=`it's`");
    expect(renderEnvLine("K", "it's `x`")).toBe('K="it\'s `x`"');
    expect(() => renderEnvLine("K", "a\rb")).toThrow(/carriage return/);
  });
});
