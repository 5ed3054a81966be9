import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BundlePayload, openBundle, parseBundle, sealBundle } from "../../src/core/bundle.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { assertNoSecrets, assertSameData } from "../helpers/secrets.js";

/** Low scrypt cost: the format is the same, the tests stay fast. */
const FAST = { name: "scrypt", logN: 10, r: 8, p: 1 } as const;
const random = () => ({ salt: randomBytes(16), nonce: randomBytes(12) });
const PASS = "correct horse battery staple";
const SECRET = "sk-test-embedded-value-0123456789";

const payload: BundlePayload = {
  agent: {
    version: 2,
    agent: { name: "analyst" },
    credentials: { OPENAI_API_KEY: { source: "vault" }, DEPLOY_TOKEN: { source: "embedded", value: SECRET } },
    personality: { system_prompt: "You are careful.", tone: "formal" },
    memory: { notes: ["a", "b"], count: 2 },
  },
  files: [{ name: "agent.py", mode: 0o755, content: Buffer.from("print('hi')\n").toString("base64url") }],
};

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isBackpackError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

describe("agent bundles", () => {
  it("round-trip the agent and its files, with nothing readable in the text", async () => {
    const text = await sealBundle(payload, PASS, random(), FAST);
    assertSameData(await openBundle(text, PASS), payload, "the opened bundle");
    assertNoSecrets([text], ["careful", SECRET, "analyst", PASS]);
    expect(text.split("\n")[1]).toBe('  "backpack": "bundle",');
    // Random salt and nonce: the same agent never gives the same bundle twice.
    expect(await sealBundle(payload, PASS, random(), FAST)).not.toBe(text);
  });

  it("say plainly when the passphrase is wrong, without quoting it", async () => {
    const text = await sealBundle(payload, PASS, random(), FAST);
    const err = await failure(openBundle(text, "Correct horse battery staple", "agent.backpack"));
    expect(err).toEqual({ code: "WRONG_KEY", message: "wrong passphrase for agent.backpack" });
    // Unicode forms of one passphrase are one passphrase.
    const accented = await sealBundle(payload, "caf\u00e9 au lait 42", random(), FAST);
    expect(await openBundle(accented, "cafe\u0301 au lait 42")).toEqual(payload);
  });

  it("detect any changed byte of the data, and any changed header field", async () => {
    const text = await sealBundle(payload, PASS, random(), FAST);
    const bundle = JSON.parse(text);
    const data: string = bundle.data;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: data.length - 1 }), async (i) => {
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const replacement = alphabet[(alphabet.indexOf(data[i] as string) + 1) % alphabet.length] as string;
        const changed = JSON.stringify({ ...bundle, data: data.slice(0, i) + replacement + data.slice(i + 1) });
        // The last character of base64 may carry only padding bits: then the bytes are equal and it opens.
        const err = await openBundle(changed, PASS).then(
          () => undefined,
          (e) => e,
        );
        if (err !== undefined) expect(isBackpackError(err) && ["TAMPERED", "INVALID_FILE"].includes(err.code), String(err)).toBe(true);
        else expect(i).toBe(data.length - 1);
      }),
      { numRuns: 40 },
    );
    const otherNonce = randomBytes(12).toString("base64url");
    expect((await failure(openBundle(JSON.stringify({ ...bundle, nonce: otherNonce }), PASS))).code).toBe("TAMPERED");
    // A changed salt or cost gives another key: reported as a wrong passphrase (the header names no more).
    expect((await failure(openBundle(JSON.stringify({ ...bundle, kdf: { ...bundle.kdf, logN: 11 } }), PASS))).code).toBe("WRONG_KEY");
    expect((await failure(openBundle(JSON.stringify({ ...bundle, kdf: { ...bundle.kdf, logN: 30 } }), PASS))).code).toBe("INVALID_FILE");
  });

  it("refuse a truncated bundle with one clear error", async () => {
    const text = await sealBundle(payload, PASS, random(), FAST);
    for (const cut of [10, Math.floor(text.length / 2), text.length - 5]) {
      const err = await failure(openBundle(text.slice(0, cut), PASS, "agent.backpack"));
      expect(err.code).toBe("INVALID_FILE");
      expect(err.message).toMatch(/^agent\.backpack is not a backpack bundle \(not valid JSON/);
    }
    const bundle = JSON.parse(text);
    const shortData = JSON.stringify({ ...bundle, data: bundle.data.slice(0, bundle.data.length - 30) });
    expect((await failure(openBundle(shortData, PASS))).code).toBe("TAMPERED");
    expect((await failure(openBundle(JSON.stringify({ ...bundle, data: "AAAA" }), PASS))).code).toBe("INVALID_FILE");
  });

  it("name what is not a bundle", async () => {
    expect(() => parseBundle('{"version": 2, "credentials": {}}', "agent.lock")).toThrow(/agent\.lock is not a backpack bundle/);
    expect(() => parseBundle('{"backpack": "bundle", "version": 1}', "x")).toThrow(/x is damaged \(kdf:/);
  });

  it("refuse to seal files that would escape the folder or replace agent.lock", async () => {
    const bad = (files: BundlePayload["files"]) => sealBundle({ ...payload, files }, PASS, random(), FAST);
    await expect(bad([{ name: "../evil.sh", mode: 0o755, content: "" }])).rejects.toThrow(/a plain file name/);
    await expect(bad([{ name: "agent.lock", mode: 0o644, content: "" }])).rejects.toThrow(/agent\.lock cannot be a bundled file/);
  });
});
