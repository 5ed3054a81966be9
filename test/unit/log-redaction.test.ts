import { describe, expect, it } from "vitest";
import { protectSecrets, redact } from "../../src/output/log.js";
import { changedLayers } from "../../src/agent-file/write-audit.js";
import { emptyWorkingForm } from "../../src/core/agent-lock.js";
import { assertNoSecrets } from "../helpers/secrets.js";

describe("redact", () => {
  it("masks exported keys and every protected value", () => {
    protectSecrets(["sk-protected-value-123", "short"]);
    const masked = redact("key BACKPACK-KEY-1:abcDEF_123- and sk-protected-value-123 twice sk-protected-value-123");
    // Checked for the values first, so the exact comparison below can never print one.
    assertNoSecrets([masked], ["abcDEF_123-", "sk-protected-value-123"]);
    expect(masked).toBe("key BACKPACK-KEY-1:[redacted] and [redacted] twice [redacted]");
    // Too short to mask safely: ordinary words would vanish.
    expect(redact("a short note")).toBe("a short note");
  });
});

describe("changedLayers", () => {
  it("names the layers whose content differs, ignoring key order", () => {
    const a = emptyWorkingForm();
    a.memory = { x: 1, y: 2 };
    const b = structuredClone(a);
    b.memory = { y: 2, x: 1 };
    expect(changedLayers(a, b)).toEqual([]);
    b.personality = { tone: "calm" };
    b.agent = { name: "n" };
    expect(changedLayers(a, b)).toEqual(["meta", "personality"]);
    expect(changedLayers(undefined, b)).toEqual(["meta", "credentials", "personality", "memory"]);
  });
});
