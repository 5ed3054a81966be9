/**
 * The user's age identity, which opens the keys wrapped for them in a team
 * repository (`.backpack/keys/*.age`). Looked for in this order, as sops
 * takes SOPS_AGE_KEY / SOPS_AGE_KEY_FILE:
 *
 *  1. BACKPACK_IDENTITY: the identity itself (CI secrets);
 *  2. BACKPACK_IDENTITY_FILE: an age identity file (as age-keygen writes it);
 *  3. key_command (user config), when it prints an identity;
 *  4. the key stores (keychain, then file store), account `identity:default`,
 *     where `backpack identity` creates one on first use.
 *
 * The identity is a secret: it is never printed (its recipient is public).
 */
import { BackpackError } from "../errors/errors.js";
import { readRegularFile } from "../io/read-regular-file.js";
import { log } from "../output/log.js";
import { identityLines, type KeyCommandAnswer } from "./key-command.js";
import type { KeySource } from "./key-source.js";
import { availableStores, writableStore } from "./key-source.js";

export const IDENTITY_ENV = "BACKPACK_IDENTITY";
export const IDENTITY_FILE_ENV = "BACKPACK_IDENTITY_FILE";
/** The store account of the user's own identity. */
export const IDENTITY_ACCOUNT = "identity:default";
const MAX_IDENTITY_FILE_BYTES = 64 * 1024;

/** An identity at hand, where it came from, and whether keys it opens may be kept in that store. */
export interface LoadedIdentity {
  identities: string[];
  /** Where it came from, for messages and doctor: a variable, a path, "key_command", or a store's name. */
  origin: string;
  /** The store that holds it (the keys it unwraps are cached there), when it came from one. */
  store?: KeySource;
}

export interface IdentityOptions {
  env: NodeJS.ProcessEnv;
  /** The key stores (not the environment source), in order. */
  stores: KeySource[];
  /** The key command's answer, if one is configured (run at most once per process). */
  keyCommand?: () => KeyCommandAnswer | undefined;
}

function parseIdentityText(text: string, origin: string): string[] {
  const lines = identityLines(text);
  if (!lines) throw new BackpackError("INVALID_FILE", `${origin} holds no age identity`, "it should hold a line AGE-SECRET-KEY-1… (`backpack identity` or age-keygen makes one)");
  return lines;
}

/** The identity at hand, or undefined when there is none. Throws for a damaged one (naming where, never the value). */
export async function loadIdentity(options: IdentityOptions): Promise<LoadedIdentity | undefined> {
  const { env } = options;
  const fromEnv = env[IDENTITY_ENV];
  if (fromEnv) return { identities: parseIdentityText(fromEnv, IDENTITY_ENV), origin: IDENTITY_ENV };
  const file = env[IDENTITY_FILE_ENV];
  if (file) {
    const text = readRegularFile(file, MAX_IDENTITY_FILE_BYTES, `${IDENTITY_FILE_ENV} (${file})`);
    if (text === undefined) throw new BackpackError("NOT_FOUND", `${IDENTITY_FILE_ENV} names ${file}, which does not exist`, "point it at your age identity file, or unset it");
    return { identities: parseIdentityText(text, `${IDENTITY_FILE_ENV} (${file})`), origin: file };
  }
  const answer = options.keyCommand?.();
  if (answer?.kind === "identity") return { identities: answer.identities, origin: "key_command" };
  for (const store of await availableStores(options.stores)) {
    const text = await store.get(IDENTITY_ACCOUNT);
    if (text === undefined) continue;
    return { identities: parseIdentityText(text, `the ${store.name} store's identity`), origin: `${store.name} store`, store };
  }
  return undefined;
}

/** The identity at hand and its recipient; with `create`, makes one in the first writable store when there is none. */
export async function ensureIdentity(options: IdentityOptions & { create: boolean }): Promise<{ identity: LoadedIdentity; recipient: string; created: boolean }> {
  const found = await loadIdentity(options);
  const { newIdentity, recipientOf } = await import("./age.js");
  if (found) return { identity: found, recipient: await recipientOf(found.identities[0] as string, found.origin), created: false };
  if (!options.create) {
    throw new BackpackError("NO_KEY", "you have no age identity yet", "run `backpack identity` to create one, or set BACKPACK_IDENTITY_FILE");
  }
  const store = await writableStore(options.stores);
  const made = await newIdentity();
  await store.set(IDENTITY_ACCOUNT, made.identity);
  log.info(`created your age identity ${made.recipient}`, { source: store.name });
  return { identity: { identities: [made.identity], origin: `${store.name} store`, store }, recipient: made.recipient, created: true };
}
