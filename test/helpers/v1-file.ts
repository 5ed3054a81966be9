/**
 * Writes agent.lock files in the Python tool's format "1.0" (Fernet tokens,
 * PBKDF2-HMAC-SHA256 with 100,000 iterations and a salt per layer), as
 * backpack-agent's AgentLock.create did, to test compatibility.
 */
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";

function fernetToken(plaintext: Buffer, key: Buffer): string {
  const iv = randomBytes(16);
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000)));
  const cipher = createCipheriv("aes-128-cbc", key.subarray(16), iv);
  const body = Buffer.concat([Buffer.from([0x80]), time, iv, cipher.update(plaintext), cipher.final()]);
  const mac = createHmac("sha256", key.subarray(0, 16)).update(body).digest();
  // Python's urlsafe_b64encode: the URL-safe alphabet, with "=" padding.
  return Buffer.concat([body, mac]).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

/** The text of a format 1.0 agent.lock holding these layers. */
export function v1AgentLockText(layers: { credentials: Record<string, string>; personality: object; memory: object }, passphrase = "default-key"): string {
  const out: Record<string, { data: string; salt: string }> = {};
  for (const [name, value] of Object.entries(layers)) {
    const salt = randomBytes(16);
    const key = pbkdf2Sync(Buffer.from(passphrase, "utf8"), salt, 100_000, 32, "sha256");
    const token = fernetToken(Buffer.from(JSON.stringify(value), "utf8"), key);
    out[name] = { data: Buffer.from(token, "latin1").toString("base64"), salt: salt.toString("base64") };
  }
  return `${JSON.stringify({ version: "1.0", layers: out }, null, 2)}\n`;
}
