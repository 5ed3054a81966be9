/** Putting credentials into a sandbox's personal vault (its file store), and making test secrets. */
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { FileKeySource } from "../../src/keys/file-source.js";
import { Vault } from "../../src/keys/vault.js";
import type { Sandbox } from "./sandbox.js";

/** The sandbox's file store (the vault while BACKPACK_KEYCHAIN=off). */
export function sandboxVault(sb: Sandbox): FileKeySource {
  return new FileKeySource(join(sb.env.XDG_CONFIG_HOME as string, "backpack", "keys.json"));
}

export async function putInVault(sb: Sandbox, name: string, value: string): Promise<void> {
  await new Vault([sandboxVault(sb)]).add(name, value);
}

/** A unique fake secret, easy to search for in output. */
export function fakeSecret(label: string): string {
  return `${label}-${randomBytes(12).toString("hex")}`;
}

/** sha256 hex of a value: what test agents print instead of the value itself. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Throws naming the secret's index (never its value) when any text contains one. */
export function assertNoSecrets(texts: string[], secrets: string[]): void {
  secrets.forEach((secret, i) => {
    for (const text of texts) if (text.includes(secret)) throw new Error(`secret #${i} (length ${secret.length}) leaked into output`);
  });
}
