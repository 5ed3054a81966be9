/**
 * The encoding releases before 2026-12 wrote for a memory layer of any size:
 * fflate's raw deflate at level 1 (flag "z"). Re-encodes a stored form's
 * memory layer that way (the old encryptSlot, step for step) and signs the
 * file again, so a test can make a repository "committed with the old
 * release" and upgrade it.
 */
import { createCipheriv } from "node:crypto";
import { deflateSync } from "fflate";
import { aad, integrityTag, slotKeys, syntheticNonce, tokenPrefix, tryDecryptSlot } from "../../src/core/crypto.js";
import { bindingOf, integrityHeader, keysForForm, storedSlots } from "../../src/core/stored-form.js";
import { readStoredForm } from "../../src/core/read-stored.js";
import { serializeStoredForm } from "../../src/core/encrypt.js";
import type { RepoKey } from "../../src/core/key-material.js";

/** `storedText` with its memory layer deflated by fflate (flag "z") as the old release wrote it. */
export function withOldMemoryEncoding(storedText: string, repoKey: RepoKey): string {
  const stored = readStoredForm(storedText);
  if (!stored) throw new Error("not a stored form");
  const keys = keysForForm(stored, repoKey);
  const binding = bindingOf(stored);
  const plaintext = tryDecryptSlot(keys, "memory", stored.layers.memory, binding);
  if (typeof plaintext === "string") throw new Error(`memory layer does not open: ${plaintext}`);
  const payload = Buffer.from(deflateSync(plaintext, { level: 1 }));
  const { enc, mac } = slotKeys(keys, "memory", binding);
  const associated = aad("memory", "z", binding);
  const nonce = syntheticNonce(mac, "z", payload, binding.version === 3 ? associated : undefined);
  const cipher = createCipheriv("aes-256-gcm", enc, nonce);
  cipher.setAAD(associated);
  const body = Buffer.concat([nonce, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  const old = { ...stored, layers: { ...stored.layers, memory: `${tokenPrefix(binding)}z.${body.toString("base64url")}` } };
  if (old.version === 3) old.mac = integrityTag(keys, integrityHeader(old), storedSlots(old));
  return serializeStoredForm(old);
}
