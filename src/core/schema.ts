/**
 * zod schemas for the two forms of agent.lock (format version 2) and for the
 * Python tool's format "1.0". The JSON Schemas shipped in schema/ are generated
 * from these (scripts/json-schema.mjs), so this file is the single source.
 */
import { z } from "zod";
import { CIPHER_ID, CREDENTIAL_NAME, CREDENTIAL_VALUE_FORBIDDEN, type JsonValue, type LayerName } from "./types.js";

// Defined zod-free in types.ts (the smudge filter's fast path); re-exported here for the library API.
export { CIPHER_ID, CREDENTIAL_NAME, LAYER_NAMES, type JsonObject, type JsonValue, type LayerName } from "./types.js";

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

/**
 * A credential is either a placeholder (the value comes from the environment or
 * the personal vault at run time) or an embedded value (for deployments).
 */
export const credentialSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("vault"), description: z.string().optional() }).strict(),
  z
    .object({
      source: z.literal("embedded"),
      value: z.string().refine((value) => !CREDENTIAL_VALUE_FORBIDDEN.test(value), "credential values cannot hold control characters (NUL, ESC, ...)"),
      description: z.string().optional(),
    })
    .strict(),
]);
export type Credential = z.infer<typeof credentialSchema>;

export const credentialsLayerSchema = z.record(
  z.string().regex(CREDENTIAL_NAME, "credential names are letters, digits and _, not starting with a digit"),
  credentialSchema,
);

/** Optional metadata kept in the encrypted "meta" line of the stored form. */
export const agentMetaSchema = z
  .object({ name: z.string().optional(), description: z.string().optional() })
  .catchall(jsonValueSchema);

/** Working form: what the user reads and edits in the working tree. */
export const workingFormSchema = z
  .object({
    version: z.literal(2),
    agent: agentMetaSchema.optional(),
    credentials: credentialsLayerSchema,
    personality: jsonObjectSchema,
    memory: jsonObjectSchema,
  })
  .strict();
export type WorkingForm = z.infer<typeof workingFormSchema>;
export type Layers = Pick<WorkingForm, LayerName>;

/** Parameters of the passphrase KDF, recorded when the key came from one. */
export const kdfSchema = z
  .object({
    name: z.literal("scrypt"),
    salt: z.string().regex(/^[A-Za-z0-9_-]{22,}$/, "base64url salt"),
    logN: z.number().int().min(10).max(22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  })
  .strict();
export type KdfParams = z.infer<typeof kdfSchema>;

const layerToken = z.string().regex(/^v2\.[jz]\.[A-Za-z0-9_-]+$/, "an encrypted layer token (v2.<j|z>.<base64url>)");

/** The plaintext header every encrypted form starts with. */
const storedHeaderShape = {
  backpack: z.literal("agent.lock"),
  version: z.literal(2),
  cipher: z.literal(CIPHER_ID),
  key: z.string().regex(/^[0-9a-f]{16}$/, "16 hex digits: the key fingerprint"),
  kdf: kdfSchema.optional(),
};

/** Stored form: what git stores; only the header is plaintext. */
export const storedFormSchema = z
  .object({
    ...storedHeaderShape,
    layers: z
      .object({
        meta: layerToken.optional(),
        credentials: layerToken,
        personality: layerToken,
        memory: layerToken,
      })
      .strict(),
  })
  .strict();
export type StoredForm = z.infer<typeof storedFormSchema>;

/**
 * Conflict form: what the merge driver leaves when a merge has true conflicts.
 * The stored form's header and one encrypted line holding the working text with
 * git-style conflict markers. It smudges into that text; the clean filter and
 * every command refuse it until the conflict is resolved, so it is never
 * committed. git writes it into the object store (as an unreferenced blob)
 * while the merge is in progress, which is why it is encrypted.
 */
export const conflictFormSchema = z
  .object({
    ...storedHeaderShape,
    layers: z.object({ conflict: layerToken }).strict(),
  })
  .strict();
export type ConflictForm = z.infer<typeof conflictFormSchema>;

/** Either encrypted form: what git keeps in its object store. */
export type EncryptedForm = StoredForm | ConflictForm;

/** The Python tool's format "1.0": Fernet token + PBKDF2 salt per layer. */
const v1Layer = z.object({ data: z.string(), salt: z.string() });
export const v1FormSchema = z.object({
  version: z.literal("1.0"),
  layers: z.object({ credentials: v1Layer, personality: v1Layer, memory: v1Layer }),
  metadata: z.record(z.string(), jsonValueSchema).optional(),
});
export type V1Form = z.infer<typeof v1FormSchema>;
