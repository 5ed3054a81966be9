/**
 * The portable bundle of an agent (`backpack export` / `import`): its three
 * layers and metadata, plus optional files (the agent script), encrypted
 * under a passphrase so it can travel by any channel and be opened on any
 * machine, whatever repo key it was made with.
 *
 * Text format (JSON, one field a line):
 *
 *   {
 *     "backpack": "bundle",
 *     "version": 1,
 *     "kdf": {"name":"scrypt","salt":"<b64url 16 bytes>","logN":17,"r":8,"p":1},
 *     "cipher": "aes-256-gcm",
 *     "nonce": "<b64url 12 bytes>",
 *     "check": "<b64url 16 bytes>",
 *     "data": "<b64url ciphertext || 16-byte tag>"
 *   }
 *
 * master = scrypt(passphrase NFC, salt); encKey and checkKey are HKDF-SHA256
 * of it with their own labels. `check` = HMAC(checkKey, label) tells a wrong
 * passphrase from a damaged bundle. The associated data is the canonical JSON
 * of every header field, so the header cannot be changed unnoticed. The
 * plaintext is the deflated canonical JSON of the payload. Unlike agent.lock
 * (deterministic, for git), salt and nonce are random: a bundle is not in git.
 * Pure: randomness is passed in.
 */
import { nestsDeeperThan, tooDeepError } from "./json-depth.js";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, scrypt, timingSafeEqual } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { z } from "zod";
import { BackpackError } from "../errors/errors.js";
import { canonicalJson, findProtoKey } from "./canonical.js";
import { type JsonValue, workingFormSchema } from "./schema.js";

export const BUNDLE_CIPHER = "aes-256-gcm" as const;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_BYTES = 16;
/** A bundle never inflates beyond this, so a crafted one cannot exhaust memory. */
const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

/** scrypt cost for new bundles: 2^17 x 8 (128 MiB, about half a second): it may travel, so make guessing dear. */
export const DEFAULT_BUNDLE_KDF = { name: "scrypt", logN: 17, r: 8, p: 1 } as const;

const b64url = (bytes: number) => z.string().regex(/^[A-Za-z0-9_-]+$/).refine((s) => Buffer.from(s, "base64url").length === bytes, `${bytes} bytes, base64url`);

const bundleKdfSchema = z
  .object({
    name: z.literal("scrypt"),
    salt: b64url(SALT_BYTES),
    // Bounded so that a crafted header cannot ask for gigabytes.
    logN: z.number().int().min(10).max(20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  })
  .strict();
export type BundleKdf = z.infer<typeof bundleKdfSchema>;

export const bundleSchema = z
  .object({
    backpack: z.literal("bundle"),
    version: z.literal(1),
    kdf: bundleKdfSchema,
    cipher: z.literal(BUNDLE_CIPHER),
    nonce: b64url(NONCE_BYTES),
    check: b64url(CHECK_BYTES),
    data: z.string().regex(/^[A-Za-z0-9_-]+$/, "base64url"),
  })
  .strict();
export type Bundle = z.infer<typeof bundleSchema>;

/** A file carried in a bundle: a plain name (no folders), its mode, its bytes. */
export const bundleFileSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "a plain file name"),
    mode: z.number().int().min(0).max(0o777),
    content: z.string().regex(/^[A-Za-z0-9_-]*$/, "base64url"),
  })
  .strict();

export const bundlePayloadSchema = z
  .object({
    agent: workingFormSchema,
    files: z.array(bundleFileSchema).max(64),
  })
  .strict()
  .superRefine((payload, ctx) => {
    const names = payload.files.map((f) => f.name);
    if (names.includes("agent.lock")) ctx.addIssue({ code: "custom", path: ["files"], message: "agent.lock cannot be a bundled file" });
    if (new Set(names).size !== names.length) ctx.addIssue({ code: "custom", path: ["files"], message: "a file name appears twice" });
  });
export type BundlePayload = z.infer<typeof bundlePayloadSchema>;

export interface BundleRandom {
  salt: Buffer;
  nonce: Buffer;
}

/** The keys of a bundle, from its passphrase (async: scrypt is slow on purpose). */
async function bundleKeys(passphrase: string, kdf: BundleKdf): Promise<{ enc: Buffer; check: Buffer }> {
  const N = 2 ** kdf.logN;
  const master = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize("NFC"), Buffer.from(kdf.salt, "base64url"), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
  const derive = (label: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), Buffer.from(label), 32));
  return { enc: derive("backpack/bundle/v1/enc"), check: derive("backpack/bundle/v1/check") };
}

const checkValue = (checkKey: Buffer) => createHmac("sha256", checkKey).update("backpack/bundle/v1/check").digest().subarray(0, CHECK_BYTES);

function associatedData(bundle: Omit<Bundle, "data">): Buffer {
  const { backpack, version, kdf, cipher, nonce, check } = bundle;
  return Buffer.from(canonicalJson({ backpack, version, kdf, cipher, nonce, check } as JsonValue));
}

/** The bundle's text, a field a line (see the module comment). */
export function serializeBundle(bundle: Bundle): string {
  const fields = Object.entries(bundle).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${fields.join(",\n")}\n}\n`;
}

/** Encrypts a payload under a passphrase. */
export async function sealBundle(payload: BundlePayload, passphrase: string, random: BundleRandom, cost: Omit<BundleKdf, "salt"> = DEFAULT_BUNDLE_KDF): Promise<string> {
  if (random.salt.length !== SALT_BYTES || random.nonce.length !== NONCE_BYTES) throw new BackpackError("INTERNAL", "a bundle needs a 16-byte salt and a 12-byte nonce");
  const valid = bundlePayloadSchema.safeParse(payload);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    throw new BackpackError("USAGE", `cannot bundle this agent (${issue?.path.join(".") || "top level"}: ${issue?.message ?? "invalid"})`, "bundle only plain file names next to agent.lock");
  }
  const checked = valid.data;
  const kdf: BundleKdf = { ...cost, salt: random.salt.toString("base64url") };
  const keys = await bundleKeys(passphrase, kdf);
  const header = {
    backpack: "bundle" as const,
    version: 1 as const,
    kdf,
    cipher: BUNDLE_CIPHER,
    nonce: random.nonce.toString("base64url"),
    check: checkValue(keys.check).toString("base64url"),
  };
  const cipher = createCipheriv(BUNDLE_CIPHER, keys.enc, random.nonce);
  cipher.setAAD(associatedData(header));
  const plaintext = deflateRawSync(Buffer.from(canonicalJson(checked as unknown as JsonValue), "utf8"));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return serializeBundle({ ...header, data: data.toString("base64url") });
}

/** Parses a bundle's text (no passphrase needed); INVALID_FILE when it is not one. */
export function parseBundle(text: string, name = "the bundle"): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackpackError("INVALID_FILE", `${name} is not a backpack bundle (not valid JSON: truncated or not a bundle)`, "export it again with `backpack export`");
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const notOurs = json === null || typeof json !== "object" || (json as { backpack?: unknown }).backpack !== "bundle";
    const issue = parsed.error.issues[0];
    throw new BackpackError(
      "INVALID_FILE",
      notOurs ? `${name} is not a backpack bundle` : `${name} is damaged (${issue?.path.join(".") || "top level"}: ${issue?.message ?? "invalid"})`,
      notOurs ? "name a file made by `backpack export` (an agent.lock is read directly, not imported)" : "export it again with `backpack export`",
    );
  }
  return parsed.data;
}

/**
 * Opens a bundle. A wrong passphrase is WRONG_KEY; a changed or cut byte is
 * TAMPERED or INVALID_FILE; the message never holds the passphrase.
 */
export async function openBundle(text: string, passphrase: string, name = "the bundle"): Promise<BundlePayload> {
  const bundle = parseBundle(text, name);
  const keys = await bundleKeys(passphrase, bundle.kdf);
  if (!timingSafeEqual(checkValue(keys.check), Buffer.from(bundle.check, "base64url"))) {
    throw new BackpackError("WRONG_KEY", `wrong passphrase for ${name}`, "use the passphrase given at `backpack export` (it is case-sensitive)");
  }
  const data = Buffer.from(bundle.data, "base64url");
  if (data.length < TAG_BYTES + 1) throw new BackpackError("INVALID_FILE", `${name} is truncated`, "export it again with `backpack export`");
  const tampered = () => new BackpackError("TAMPERED", `${name} failed authentication: it was modified or truncated`, "export it again with `backpack export`, and copy it as a file (not retyped)");
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv(BUNDLE_CIPHER, keys.enc, Buffer.from(bundle.nonce, "base64url"));
    decipher.setAAD(associatedData(bundle));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    plaintext = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw tampered();
  }
  let payload: unknown;
  try {
    payload = JSON.parse(inflateRawSync(plaintext, { maxOutputLength: MAX_PAYLOAD_BYTES }).toString("utf8"));
  } catch {
    throw new BackpackError("INVALID_FILE", `${name} holds data this version cannot read`, "export it again with this version of backpack");
  }
  if (payload !== null && typeof payload === "object" && nestsDeeperThan(payload)) throw tooDeepError(name);
  if (findProtoKey(payload)) {
    throw new BackpackError("INVALID_FILE", `${name} uses the reserved key "__proto__"`, "rename that key in the agent it was exported from");
  }
  const checked = bundlePayloadSchema.safeParse(payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new BackpackError("INVALID_FILE", `${name} holds an invalid agent (${issue?.path.join(".") || "top level"}: ${issue?.message ?? "invalid"})`, "export it again with `backpack export`");
  }
  return checked.data;
}
