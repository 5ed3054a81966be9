/**
 * Reader for the Python tool's format "1.0" (backpack-agent). Pure: bytes and
 * values in, values out.
 *
 *   file  = json.dump({"version": "1.0", "layers": {L: {"data", "salt"}}}, indent=2)
 *   salt  = base64(16 random bytes), one per layer
 *   key   = urlsafe_base64(PBKDF2-HMAC-SHA256(passphrase, salt, 100000, 32 bytes))
 *   data  = base64(Fernet token), the token itself being urlsafe base64 of
 *           0x80 | timestamp (8) | IV (16) | AES-128-CBC(PKCS7) | HMAC-SHA256 (32)
 *
 * Fernet signs with the first 16 bytes of the key and encrypts with the last
 * 16; the HMAC covers everything before it and is checked (in constant time)
 * before anything is decrypted. Format 1.0 has no key check value, so a wrong
 * passphrase is told from tampering by how many layers fail: all of them means
 * the passphrase, only some means the file was changed.
 */
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from "node:crypto";
import { BackpackError } from "../errors/errors.js";
import {
  FILE_CREDENTIAL_NAME,
  type Credential,
  type JsonObject,
  type JsonValue,
  LAYER_NAMES,
  type LayerName,
  type V1Form,
  type WorkingForm,
  workingFormSchema,
} from "./schema.js";

/** PBKDF2 parameters of format 1.0 (fixed by the Python tool). */
export const V1_PBKDF2_ITERATIONS = 100_000;
// Kept in key-material.ts (zod-free: the key resolver loads it on the filters' fast path).
export { V1_DEFAULT_PASSPHRASE } from "./key-material.js";

const FERNET_VERSION = 0x80;
const HEADER_BYTES = 1 + 8 + 16;
const HMAC_BYTES = 32;
const BLOCK = 16;

/** The decrypted layers of a format 1.0 file, as the Python tool wrote them. */
export interface V1Plaintext {
  credentials: { [name: string]: JsonValue };
  personality: JsonObject;
  memory: JsonObject;
  metadata?: JsonObject;
}

type OpenResult = { ok: true; plaintext: Buffer } | { ok: false; why: "malformed" | "unauthentic" | "padding"; detail: string };

/** The Fernet key the Python tool derived from a passphrase and one layer's salt. */
export function v1LayerKey(passphrase: string, salt: Buffer): Buffer {
  // Python's password.encode() is UTF-8; no normalisation was applied there either.
  return pbkdf2Sync(Buffer.from(passphrase, "utf8"), salt, V1_PBKDF2_ITERATIONS, 32, "sha256");
}

/** Opens one Fernet token (raw bytes, not base64) with a 32-byte Fernet key. Never throws. */
export function openFernetToken(token: Buffer, key: Buffer): OpenResult {
  if (token.length < HEADER_BYTES + BLOCK + HMAC_BYTES || (token.length - HEADER_BYTES - HMAC_BYTES) % BLOCK !== 0) {
    return { ok: false, why: "malformed", detail: `token of ${token.length} bytes` };
  }
  if (token[0] !== FERNET_VERSION) return { ok: false, why: "malformed", detail: "not a Fernet token (version byte)" };
  const signed = token.subarray(0, token.length - HMAC_BYTES);
  const mac = token.subarray(token.length - HMAC_BYTES);
  const expected = createHmac("sha256", key.subarray(0, 16)).update(signed).digest();
  if (!timingSafeEqual(expected, mac)) return { ok: false, why: "unauthentic", detail: "HMAC mismatch" };
  const iv = token.subarray(9, HEADER_BYTES);
  try {
    const decipher = createDecipheriv("aes-128-cbc", key.subarray(16, 32), iv);
    const plaintext = Buffer.concat([decipher.update(token.subarray(HEADER_BYTES, token.length - HMAC_BYTES)), decipher.final()]);
    return { ok: true, plaintext };
  } catch {
    return { ok: false, why: "padding", detail: "bad PKCS7 padding" };
  }
}

/** Standard or URL-safe base64, strictly: undefined for anything else. */
function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, "");
  if (compact.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

function layerError(code: "INVALID_FILE" | "TAMPERED", layer: string, fileName: string, what: string): BackpackError {
  return new BackpackError(code, `the ${layer} layer of ${fileName} (format 1.0) ${what}`, "restore the file from a backup or from git");
}

/**
 * Decrypts every layer of a format 1.0 file. Throws WRONG_KEY when no layer
 * opens with the passphrase, TAMPERED / INVALID_FILE naming the layer otherwise.
 */
export function decryptV1(v1: V1Form, passphrase: string, fileName = "agent.lock"): V1Plaintext {
  const opened = new Map<LayerName, Buffer>();
  const unauthentic: LayerName[] = [];
  for (const layer of LAYER_NAMES) {
    const { data, salt } = v1.layers[layer];
    const saltBytes = decodeBase64(salt);
    if (!saltBytes || saltBytes.length < 8) throw layerError("INVALID_FILE", layer, fileName, "has a damaged salt");
    const tokenText = decodeBase64(data)?.toString("latin1");
    const token = tokenText === undefined ? undefined : decodeBase64(tokenText);
    if (!token) throw layerError("INVALID_FILE", layer, fileName, "is not a base64 Fernet token");
    const result = openFernetToken(token, v1LayerKey(passphrase, saltBytes));
    if (result.ok) opened.set(layer, result.plaintext);
    else if (result.why === "unauthentic") unauthentic.push(layer);
    else if (result.why === "padding") throw layerError("INVALID_FILE", layer, fileName, "is authentic but badly padded (written by a broken tool)");
    else throw layerError("INVALID_FILE", layer, fileName, `is truncated or malformed (${result.detail})`);
  }
  if (unauthentic.length === LAYER_NAMES.length) {
    throw new BackpackError(
      "WRONG_KEY",
      `${fileName} (format 1.0) cannot be decrypted with this passphrase`,
      'set AGENT_MASTER_KEY to the passphrase the Python tool used (it defaulted to "default-key")',
    );
  }
  const first = unauthentic[0];
  if (first !== undefined) throw layerError("TAMPERED", first, fileName, "failed authentication: it was modified or corrupted");

  const parsed = {} as Record<LayerName, JsonValue>;
  for (const layer of LAYER_NAMES) {
    let value: unknown;
    try {
      value = JSON.parse((opened.get(layer) as Buffer).toString("utf8"));
    } catch {
      throw layerError("INVALID_FILE", layer, fileName, "decrypted to invalid JSON");
    }
    if (nestsDeeperThan(value)) throw layerError("INVALID_FILE", layer, fileName, `nests deeper than ${MAX_JSON_DEPTH} levels`);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw layerError("INVALID_FILE", layer, fileName, "decrypted to something other than a JSON object");
    }
    parsed[layer] = value as JsonValue;
  }
  const out: V1Plaintext = {
    credentials: parsed.credentials as V1Plaintext["credentials"],
    personality: parsed.personality as JsonObject,
    memory: parsed.memory as JsonObject,
  };
  if (v1.metadata !== undefined) out.metadata = v1.metadata as JsonObject;
  return out;
}

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^placeholder/i,
  /^<.*>$/s,
  /^\$\{.*\}$/s,
  /^\{\{.*\}\}$/s,
  /^your[-_ ].*[-_ ]here$/i,
  /^(changeme|change[-_ ]me|todo|tbd|xxx+|\*+|none|null|replace[-_ ]me)$/i,
];

/**
 * True when a format 1.0 credential value is a stand-in rather than a secret:
 * empty, "placeholder...", "<...>", "${...}", "your-...-here", "changeme", or
 * the credential's own name.
 */
export function isPlaceholderValue(name: string, value: string): boolean {
  const v = value.trim();
  if (v.length === 0 || v === name) return true;
  return PLACEHOLDER_PATTERNS.some((p) => p.test(v));
}

function convertCredential(name: string, value: JsonValue, fileName: string): Credential {
  if (value === null) return { source: "vault" };
  if (typeof value === "string") return isPlaceholderValue(name, value) ? { source: "vault" } : { source: "embedded", value };
  if (typeof value === "number" || typeof value === "boolean") return { source: "embedded", value: String(value) };
  throw new BackpackError("INVALID_FILE", `credential ${name} in ${fileName} (format 1.0) is not a string`, "fix it with the Python tool, then migrate again");
}

/**
 * The version 2 working form of decrypted format 1.0 layers: placeholder
 * credentials come from the vault, real values stay embedded, metadata
 * becomes `agent`.
 */
export function v1ToWorkingForm(plain: V1Plaintext, fileName = "agent.lock"): WorkingForm {
  const credentials: WorkingForm["credentials"] = {};
  for (const [name, value] of Object.entries(plain.credentials)) {
    if (!FILE_CREDENTIAL_NAME.test(name)) {
      throw new BackpackError(
        "INVALID_FILE",
        `credential name ${JSON.stringify(name)} in ${fileName} (format 1.0) cannot be an environment variable name (it holds a space, "=" or a control character)`,
        "with the Python tool, add the credential again under a name of letters, digits and _ and remove this one, then migrate again",
      );
    }
    credentials[name] = convertCredential(name, value, fileName);
  }
  const doc: WorkingForm = { version: 2, credentials, personality: plain.personality, memory: plain.memory };
  if (plain.metadata !== undefined && Object.keys(plain.metadata).length > 0) doc.agent = plain.metadata;
  const checked = workingFormSchema.safeParse(doc);
  if (!checked.success) {
    const where = checked.error.issues[0]?.path.join(".") || "top level";
    throw new BackpackError("INVALID_FILE", `${fileName} (format 1.0) does not convert to format 3 (${where} is invalid)`, "fix it with the Python tool, then migrate again");
  }
  return checked.data;
}

/** Decrypts a format 1.0 file straight into a version 2 working form. */
export function decryptV1ToWorkingForm(v1: V1Form, passphrase: string, fileName = "agent.lock"): WorkingForm {
  return v1ToWorkingForm(decryptV1(v1, passphrase, fileName), fileName);
}
