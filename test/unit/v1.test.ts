/**
 * The format 1.0 reader against fixtures written by an independent
 * implementation (fixtures/v1/generate.py, Python `cryptography`), as the
 * Python backpack-agent wrote them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentLock } from "../../src/core/agent-lock.js";
import type { V1Form } from "../../src/core/schema.js";
import { decryptV1, decryptV1ToWorkingForm, isPlaceholderValue } from "../../src/core/v1.js";
import { PROJECT_ROOT } from "../helpers/project-root.js";
import { failureOf as failure } from "../helpers/errors.js";
import { assertSameData } from "../helpers/secrets.js";

const FIXTURES = join(PROJECT_ROOT, "fixtures/v1");
const NAMES = ["default", "custom-passphrase", "credentials", "unicode"] as const;

interface Expected {
  passphrase: string;
  layers: { credentials: Record<string, string>; personality: object; memory: object };
  metadata?: Record<string, unknown>;
}

function fixture(name: string): { text: string; v1: V1Form; expected: Expected } {
  const text = readFileSync(join(FIXTURES, `${name}.agent.lock`), "utf8");
  const parsed = parseAgentLock(text, `${name}.agent.lock`);
  if (parsed.form !== "v1") throw new Error(`${name} did not parse as format 1.0 (got ${parsed.form})`);
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), "utf8")) as Expected;
  return { text, v1: parsed.v1, expected };
}

/** Re-encodes a layer's data after changing one byte of the Fernet token inside it. */
function flipTokenByte(data: string, at: (tokenLength: number) => number): string {
  const token = Buffer.from(Buffer.from(data, "base64").toString("latin1"), "base64url");
  const i = at(token.length);
  token[i] = (token[i] as number) ^ 0x01;
  const text = token.toString("base64url");
  // Fernet tokens are padded urlsafe base64, as Python wrote them.
  return Buffer.from(text.padEnd(Math.ceil(text.length / 4) * 4, "="), "latin1").toString("base64");
}

describe("format 1.0 fixtures from the Python implementation", () => {
  it.each(NAMES)("%s decrypts to the layers it was written with", (name) => {
    const { v1, expected } = fixture(name);
    const plain = decryptV1(v1, expected.passphrase, name);
    assertSameData(plain.credentials, expected.layers.credentials, `${name}: the credentials layer`);
    expect(plain.personality).toEqual(expected.layers.personality);
    expect(plain.memory).toEqual(expected.layers.memory);
    expect(plain.metadata).toEqual(expected.metadata);
  });

  it("the default fixture uses the Python tool's default passphrase", () => {
    expect(fixture("default").expected.passphrase).toBe("default-key");
  });

  it("keeps unicode exact: no normalisation of values or of the passphrase", () => {
    const { v1, expected } = fixture("unicode");
    const plain = decryptV1(v1, expected.passphrase);
    expect((plain.personality as { greeting: string }).greeting).toBe("e\u0301 (combining) vs \u00e9 (precomposed)");
    // The NFC form of the passphrase is a different byte string, so a different key.
    const other = expected.passphrase.normalize("NFD");
    if (other !== expected.passphrase) expect(failure(() => decryptV1(v1, other)).code).toBe("WRONG_KEY");
  });

  it("converts to the version 2 working form: real values embedded, placeholders from the vault, metadata as agent", () => {
    const { v1, expected } = fixture("credentials");
    const doc = decryptV1ToWorkingForm(v1, expected.passphrase);
    expect(doc.credentials).toEqual({
      OPENAI_API_KEY: { source: "embedded", value: expected.layers.credentials.OPENAI_API_KEY },
      AWS_ACCESS_KEY_ID: { source: "embedded", value: expected.layers.credentials.AWS_ACCESS_KEY_ID },
      DATABASE_URL: { source: "embedded", value: expected.layers.credentials.DATABASE_URL },
      ANTHROPIC_API_KEY: { source: "vault" },
      GITHUB_TOKEN: { source: "vault" },
      STRIPE_KEY: { source: "vault" },
      SENDGRID_KEY: { source: "vault" },
      EMPTY_ONE: { source: "vault" },
    });
    expect(doc.agent).toEqual(expected.metadata);
    expect(doc.personality).toEqual(expected.layers.personality);
    expect(doc.memory).toEqual(expected.layers.memory);
  });

  it("a wrong passphrase fails as WRONG_KEY, saying how to set the right one", () => {
    const { v1 } = fixture("custom-passphrase");
    const f = failure(() => decryptV1(v1, "default-key", "custom.lock"));
    expect(f.code).toBe("WRONG_KEY");
    expect(f.message).toMatch(/custom\.lock .*cannot be decrypted with this passphrase/);
  });

  it.each(["credentials", "personality", "memory"] as const)("a tampered %s layer fails as TAMPERED naming that layer", (layer) => {
    const { v1, expected } = fixture("credentials");
    const tampered = structuredClone(v1);
    // A byte of the ciphertext (after the 25-byte header, before the 32-byte HMAC).
    tampered.layers[layer].data = flipTokenByte(v1.layers[layer].data, (n) => n - 40);
    const f = failure(() => decryptV1(tampered, expected.passphrase, "agent.lock"));
    expect(f.code).toBe("TAMPERED");
    expect(f.message).toContain(`the ${layer} layer of agent.lock`);
  });

  it("a changed timestamp (authenticated header) also fails as TAMPERED", () => {
    const { v1, expected } = fixture("default");
    const tampered = structuredClone(v1);
    tampered.layers.memory.data = flipTokenByte(v1.layers.memory.data, () => 5);
    expect(failure(() => decryptV1(tampered, expected.passphrase))).toMatchObject({ code: "TAMPERED", message: expect.stringContaining("memory") });
  });

  it("a changed salt fails the layer as TAMPERED", () => {
    const { v1, expected } = fixture("default");
    const tampered = structuredClone(v1);
    tampered.layers.personality.salt = Buffer.alloc(16, 9).toString("base64");
    expect(failure(() => decryptV1(tampered, expected.passphrase))).toMatchObject({ code: "TAMPERED", message: expect.stringContaining("personality") });
  });

  it("a truncated file fails as INVALID_FILE", () => {
    const { text } = fixture("default");
    for (const cut of [text.length - 2, Math.floor(text.length / 2), 10]) {
      expect(failure(() => parseAgentLock(text.slice(0, cut), "agent.lock")).code).toBe("INVALID_FILE");
    }
  });

  it("a truncated layer fails as INVALID_FILE naming the layer", () => {
    const { v1, expected } = fixture("default");
    const cut = structuredClone(v1);
    const token = Buffer.from(v1.layers.personality.data, "base64").toString("latin1");
    cut.layers.personality.data = Buffer.from(token.slice(0, token.length - 20), "latin1").toString("base64");
    const f = failure(() => decryptV1(cut, expected.passphrase));
    expect(f.code).toBe("INVALID_FILE");
    expect(f.message).toContain("personality");
  });

  it("a layer that is not base64 fails as INVALID_FILE", () => {
    const { v1, expected } = fixture("default");
    const bad = structuredClone(v1);
    bad.layers.memory.data = "not base64 at all!";
    expect(failure(() => decryptV1(bad, expected.passphrase)).code).toBe("INVALID_FILE");
  });

  it("error messages never contain a credential value", () => {
    const { v1, expected } = fixture("credentials");
    const tampered = structuredClone(v1);
    tampered.layers.credentials.data = flipTokenByte(v1.layers.credentials.data, (n) => n - 40);
    const messages = [failure(() => decryptV1(v1, "wrong")).message, failure(() => decryptV1(tampered, expected.passphrase)).message];
    for (const value of Object.values(expected.layers.credentials).filter((v) => v.length > 3)) {
      for (const message of messages) expect(message.includes(value)).toBe(false);
    }
  });
});

describe("placeholders", () => {
  it.each([
    ["OPENAI_API_KEY", "placeholder_openai_api_key", true],
    ["X", "<your-key>", true],
    ["X", "${X}", true],
    ["X", "{{ x }}", true],
    ["X", "your-api-key-here", true],
    ["X", "changeme", true],
    ["X", "X", true],
    ["X", "   ", true],
    ["X", "sk-proj-Xq3vT9mLw2RkP8sYzN4bC6dF1gH5jK7a", false],
    ["X", "hunter2", false],
  ])("%s=%s is a placeholder: %s", (name, value, placeholder) => {
    expect(isPlaceholderValue(name, value)).toBe(placeholder);
  });
});
