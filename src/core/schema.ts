/**
 * zod schemas for the two forms of agent.lock (format version 2) and for the
 * Python tool's format "1.0". The JSON Schemas shipped in schema/ are generated
 * from these (scripts/json-schema.mjs), so this file is the single source.
 */
import { z } from "zod";
import { CIPHER_ID, CREDENTIAL_VALUE_FORBIDDEN, FILE_CREDENTIAL_NAME, type JsonValue, type LayerName } from "./types.js";

// Defined zod-free in types.ts (the smudge filter's fast path); re-exported here for the library API.
export { CIPHER_ID, CREDENTIAL_NAME, FILE_CREDENTIAL_NAME, LAYER_NAMES, type JsonObject, type JsonValue, type LayerName } from "./types.js";

/** Any JSON value (the schema of memory and personality values). */
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

/**
 * A credential is either a placeholder (the value comes from the environment or
 * the personal vault at run time) or an embedded value (for deployments).
 */
export const credentialSchema = z.discriminatedUnion("source", [
  z
    .object({
      /** The value comes from the environment or the personal vault at run time. */
      source: z.literal("vault"),
      /** What the credential is for (shown by `backpack info`). */
      description: z.string().optional(),
    })
    .strict(),
  z
    .object({
      /** The value is kept in agent.lock, encrypted (for deployments). */
      source: z.literal("embedded"),
      /** The secret itself: text without control characters (NUL, ESC, ...). */
      value: z.string().refine((value) => !CREDENTIAL_VALUE_FORBIDDEN.test(value), "credential values cannot hold control characters (NUL, ESC, ...)"),
      /** What the credential is for (shown by `backpack info`). */
      description: z.string().optional(),
    })
    .strict(),
]);
/** One entry of the credentials layer. */
export type Credential = z.infer<typeof credentialSchema>;

/** The credentials layer: credentials by name. */
export const credentialsLayerSchema = z.record(
  z.string().regex(FILE_CREDENTIAL_NAME, "credential names are letters, digits, _, - and . (no spaces, = or control characters)"),
  credentialSchema,
);

/** Optional metadata kept in the encrypted "meta" line of the stored form. */
export const agentMetaSchema = z
  .object({
    /** The agent's name. */
    name: z.string().optional(),
    /** What the agent does. */
    description: z.string().optional(),
  })
  .catchall(jsonValueSchema);

/** Working form: what the user reads and edits in the working tree. */
export const workingFormSchema = z
  .object({
    /** The format version: 2. */
    version: z.literal(2),
    /** Name and description; kept in the stored form's encrypted meta line. */
    agent: agentMetaSchema.optional(),
    /** Credentials by name: placeholders or embedded values. */
    credentials: credentialsLayerSchema,
    /** The personality layer (system_prompt, tone, ...). */
    personality: jsonObjectSchema,
    /** The memory layer. */
    memory: jsonObjectSchema,
  })
  .strict();
/** agent.lock as you read and edit it: every layer in plain JSON.
 *
 * @interface
 */
export type WorkingForm = z.infer<typeof workingFormSchema>;
/** The three layers of a working form. */
export type Layers = Pick<WorkingForm, LayerName>;

/** Parameters of the passphrase KDF, recorded when the key came from one. */
export const kdfSchema = z
  .object({
    /** The KDF: scrypt. */
    name: z.literal("scrypt"),
    /** The salt, base64url. */
    salt: z.string().regex(/^[A-Za-z0-9_-]{22,}$/, "base64url salt"),
    /** scrypt's cost: N = 2^logN. */
    logN: z.number().int().min(10).max(22),
    /** scrypt's block size. */
    r: z.number().int().min(1).max(32),
    /** scrypt's parallelism. */
    p: z.number().int().min(1).max(16),
  })
  .strict();
/** How a key was derived from a passphrase.
 *
 * @interface
 */
export type KdfParams = z.infer<typeof kdfSchema>;

const layerToken = z.string().regex(/^v2\.[jz]\.[A-Za-z0-9_-]+$/, "an encrypted layer token (v2.<j|z>.<base64url>)");

/** The plaintext header every encrypted form starts with. */
const storedHeaderShape = {
  /** Marks the file: "agent.lock". */
  backpack: z.literal("agent.lock"),
  /** The format version: 2. */
  version: z.literal(2),
  /** The cipher of every layer. */
  cipher: z.literal(CIPHER_ID),
  /** The fingerprint of the key the layers are encrypted with. */
  key: z.string().regex(/^[0-9a-f]{16}$/, "16 hex digits: the key fingerprint"),
  /** The passphrase's scrypt parameters, when the key came from one. */
  kdf: kdfSchema.optional(),
};

/** Stored form: what git stores; only the header is plaintext. */
export const storedFormSchema = z
  .object({
    ...storedHeaderShape,
    /** One encrypted line per layer. */
    layers: z
      .object({
        /** The agent's name and description, encrypted. */
        meta: layerToken.optional(),
        /** The credentials layer, encrypted. */
        credentials: layerToken,
        /** The personality layer, encrypted. */
        personality: layerToken,
        /** The memory layer, encrypted. */
        memory: layerToken,
      })
      .strict(),
  })
  .strict();
/** agent.lock as git stores it: a plaintext header and one encrypted token per layer.
 *
 * @interface
 */
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
    /** The marked-up working text, encrypted. */
    layers: z
      .object({
        /** The working text with git's conflict markers, encrypted. */
        conflict: layerToken,
      })
      .strict(),
  })
  .strict();
/** agent.lock after a merge with true conflicts, before they are resolved.
 *
 * @interface
 */
export type ConflictForm = z.infer<typeof conflictFormSchema>;

/** Either encrypted form: what git keeps in its object store. */
export type EncryptedForm = StoredForm | ConflictForm;

const v1Layer = z.object({
  /** The Fernet token. */
  data: z.string(),
  /** The PBKDF2 salt. */
  salt: z.string(),
});
/** The Python tool's format "1.0": Fernet token + PBKDF2 salt per layer. */
export const v1FormSchema = z.object({
  /** The format version: "1.0" (the Python tool writes it and never reads it back: any value, or none, with the 1.0 shape). */
  version: z.union([z.string(), z.number()]).optional(),
  /** The three layers, each encrypted on its own. */
  layers: z.object({
    /** The credentials layer. */
    credentials: v1Layer,
    /** The personality layer. */
    personality: v1Layer,
    /** The memory layer. */
    memory: v1Layer,
  }),
  /** Plaintext metadata. */
  metadata: z.record(z.string(), jsonValueSchema).optional(),
});
/** An agent.lock of the Python tool (format "1.0"); `backpack migrate` turns it into version 2.
 *
 * @interface
 */
export type V1Form = z.infer<typeof v1FormSchema>;
