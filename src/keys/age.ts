/**
 * age, through `age-encryption` (typage, by age's author): the one place
 * backpack touches it, so nothing of age's format is written by hand here.
 * Wrapped keys are armored age files that the `age` CLI opens
 * (`age -d -i IDENTITY FILE`). Recipients are native X25519 (`age1…`);
 * age-encryption has no SSH recipient type, so SSH keys are not accepted.
 * X25519 runs on Node's WebCrypto (Node 20 has it), with age-encryption's
 * audited @noble fallback where WebCrypto lacks it.
 *
 * The module is loaded on first use: a checkout whose keys are already in a
 * key store never loads it.
 */
import { BackpackError } from "../errors/errors.js";

type Age = typeof import("age-encryption");
let loaded: Promise<Age> | undefined;
const age = (): Promise<Age> => (loaded ??= import("age-encryption"));

/** A new X25519 identity and its recipient. */
export async function newIdentity(): Promise<{ identity: string; recipient: string }> {
  const { generateX25519Identity, identityToRecipient } = await age();
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The recipient (public key) of an identity; INVALID_FILE (naming `origin`, never the identity) when it is not one. */
export async function recipientOf(identity: string, origin: string): Promise<string> {
  const { identityToRecipient } = await age();
  try {
    return await identityToRecipient(identity);
  } catch {
    throw new BackpackError("INVALID_FILE", `${origin} holds a damaged age identity`, "it should be a line AGE-SECRET-KEY-1… as `backpack identity` or age-keygen makes it");
  }
}

/** `secret` encrypted to every recipient, as an armored age file. */
export async function wrapForRecipients(secret: string, recipients: readonly string[]): Promise<string> {
  if (recipients.length === 0) throw new BackpackError("INTERNAL", "a key must be wrapped for at least one recipient");
  const { Encrypter, armor } = await age();
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(secret));
}

/**
 * Opens an armored age file with the first identity that matches. Undefined
 * when none of the identities is a recipient of the file; INVALID_FILE when
 * the file is damaged (named by `label`).
 */
export async function unwrapWithIdentities(armored: string, identities: readonly string[], label: string): Promise<string | undefined> {
  const { Decrypter, armor } = await age();
  let bytes: Uint8Array;
  try {
    bytes = armor.decode(armored);
  } catch {
    throw new BackpackError("INVALID_FILE", `${label} is not an armored age file`, `restore it from git (\`git checkout -- ${label}\`)`);
  }
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  try {
    return await decrypter.decrypt(bytes, "text");
  } catch (error) {
    // age-encryption's words when no identity matched a stanza: not an error, just not for us.
    if (error instanceof Error && /no identity matched/i.test(error.message)) return undefined;
    throw new BackpackError("INVALID_FILE", `${label} is a damaged age file`, `restore it from git (\`git checkout -- ${label}\`)`);
  }
}
