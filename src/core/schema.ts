/**
 * zod schemas for the two forms of agent.lock (format version 2) and for the
 * Python tool's format "1.0". The JSON Schemas shipped in schema/ are generated
 * from these (scripts/json-schema.mjs), so this file is the single source.
 */
import { z } from "zod";
import type { SealedLayers } from "./sealed.js";
import { CIPHER_ID, CREDENTIAL_VALUE_FORBIDDEN, FILE_CREDENTIAL_NAME, FILE_ID, type JsonValue, type LayerName } from "./types.js";

// Defined zod-free in types.ts (the smudge filter's fast path); re-exported here for the library API.
export { CIPHER_ID, CREDENTIAL_NAME, FILE_CREDENTIAL_NAME, FILE_ID, LAYER_NAMES, type JsonObject, type JsonValue, type LayerName } from "./types.js";

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
    /** The file id (format 3): made when the file is created; the stored form's layers are bound to it. */
    id: z.string().regex(FILE_ID, "the file id: 22 base64url characters, made by `backpack init`").optional(),
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
/** agent.lock as you read and edit it: every layer in plain JSON. `sealed`: the layers this user
 * cannot open (team repositories with a key per layer, see sealed.ts); each such layer is `{}` here.
 *
 * @interface
 */
export type WorkingForm = z.infer<typeof workingFormSchema> & {
  /** The layers this user cannot open (a team with a key per layer): each is `{}` in the document. */
  sealed?: SealedLayers;
};
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

const layerTokenV2 = z.string().regex(/^v2\.[jzb]\.[A-Za-z0-9_-]+$/, "an encrypted layer token (v2.<j|z|b>.<base64url>)");
const layerTokenV3 = z.string().regex(/^v3\.[jzb]\.[A-Za-z0-9_-]+$/, "an encrypted layer token (v3.<j|z|b>.<base64url>)");

/** The plaintext header every encrypted form starts with. */
const storedHeaderShape = {
  /** Marks the file: "agent.lock". */
  backpack: z.literal("agent.lock"),
  /** The cipher of every layer. */
  cipher: z.literal(CIPHER_ID),
  /** The fingerprint of the key the layers are encrypted with. */
  key: z.string().regex(/^[0-9a-f]{16}$/, "16 hex digits: the key fingerprint"),
  /** The passphrase's scrypt parameters, when the key came from one. */
  kdf: kdfSchema.optional(),
};
const fingerprint = z.string().regex(/^[0-9a-f]{16}$/, "16 hex digits: a key fingerprint");
/**
 * A key per layer (team repositories, see docs/team.md): the fingerprint of
 * each layer's key; "key" is then the file key (meta line, integrity line).
 */
const layerKeysSchema = z
  .object({
    /** The fingerprint of the credentials layer's key. */
    credentials: fingerprint.optional(),
    /** The fingerprint of the personality layer's key. */
    personality: fingerprint.optional(),
    /** The fingerprint of the memory layer's key. */
    memory: fingerprint.optional(),
  })
  .strict();
/** Format 3's header adds the file id; its integrity line ("mac") follows the layers. */
const v3Shape = {
  ...storedHeaderShape,
  /** The format version: 3. */
  version: z.literal(3),
  /** The file id: every layer is bound to it. */
  id: z.string().regex(FILE_ID, "the file id: 22 base64url characters"),
  /** A key per layer (team repositories): each layer's key fingerprint; "key" is then the file key. */
  keys: layerKeysSchema.optional(),
  /** The integrity line over the header and every layer line. */
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "the integrity line: 43 base64url characters"),
};

const layersOf = (token: typeof layerTokenV2) =>
  z
    .object({
      /** The agent's name and description, encrypted (optional). */
      meta: token.optional(),
      /** The credentials layer, encrypted. */
      credentials: token,
      /** The personality layer, encrypted. */
      personality: token,
      /** The memory layer, encrypted. */
      memory: token,
    })
    .strict();

/** Stored form, format 3 (written now): layers bound to the file id and to each other by the integrity line. */
export const storedFormV3Schema = z
  .object({
    ...v3Shape,
    /** One encrypted token per layer, each on its own line. */
    layers: layersOf(layerTokenV3),
  })
  .strict();
/** Stored form, format 2 (read, and upgraded by `backpack migrate`). */
export const storedFormV2Schema = z
  .object({
    ...storedHeaderShape,
    /** The format version: 2. */
    version: z.literal(2),
    /** One encrypted token per layer, each on its own line. */
    layers: layersOf(layerTokenV2),
  })
  .strict();

/** agent.lock as git stores it: a plaintext header and one encrypted token per layer (format 3, or format 2 as read). */
export const storedFormSchema = z.discriminatedUnion("version", [storedFormV3Schema, storedFormV2Schema]);
/** agent.lock as git stores it (format 3, or format 2 as read). */
export type StoredForm = z.infer<typeof storedFormSchema>;
/** The stored form of format 3.
 *
 * @interface
 */
export type StoredFormV3 = z.infer<typeof storedFormV3Schema>;

/**
 * Conflict form: what the merge driver leaves when a merge has true conflicts.
 * The stored form's header and one encrypted line holding the working text with
 * git-style conflict markers. It smudges into that text; the clean filter and
 * every command refuse it until the conflict is resolved, so it is never
 * committed. git writes it into the object store (as an unreferenced blob)
 * while the merge is in progress, which is why it is encrypted.
 */
/** agent.lock after a merge with true conflicts, before they are resolved: the marked-up working text, encrypted. */
export const conflictFormSchema = z.discriminatedUnion("version", [
  z
    .object({
      ...v3Shape,
      /** One line: the marked-up working text, encrypted. */
      layers: z
        .object({
          /** The working text with git's conflict markers, encrypted. */
          conflict: layerTokenV3,
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...storedHeaderShape,
      /** The format version: 2. */
      version: z.literal(2),
      /** One line: the marked-up working text, encrypted. */
      layers: z
        .object({
          /** The working text with git's conflict markers, encrypted. */
          conflict: layerTokenV2,
        })
        .strict(),
    })
    .strict(),
]);
/** agent.lock after a merge with true conflicts (format 3, or format 2 as read). */
export type ConflictForm = z.infer<typeof conflictFormSchema>;

/** Either encrypted form: what git keeps in its object store. */
export type EncryptedForm = StoredForm | ConflictForm;

// Strict: only the keys the Python tool wrote, and each layer's data a Fernet token (base64 of "gAAAAA…"),
// so JSON that merely looks like format 1.0 (plaintext beside it, or in place of a token) is not taken for it.
const v1Layer = z
  .object({
    /** The Fernet token, base64. */
    data: z.string().regex(/^Z0FBQUFB[A-Za-z0-9+/]*={0,2}$/, "base64 of a Fernet token"),
    /** The PBKDF2 salt, base64. */
    salt: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64"),
  })
  .strict();
/** The Python tool's format "1.0": Fernet token + PBKDF2 salt per layer. */
export const v1FormSchema = z
  .object({
    /** The format version: "1.0" (the Python tool writes it and never reads it back: any value, or none, with the 1.0 shape). */
    version: z.union([z.string(), z.number()]).optional(),
    /** The three layers, each encrypted on its own. */
    layers: z
      .object({
        /** The credentials layer. */
        credentials: v1Layer,
        /** The personality layer. */
        personality: v1Layer,
        /** The memory layer. */
        memory: v1Layer,
      })
      .strict(),
    /** Plaintext metadata. */
    metadata: z.record(z.string(), jsonValueSchema).optional(),
  })
  .strict();
/** An agent.lock of the Python tool (format "1.0"); `backpack migrate` turns it into format 3.
 *
 * @interface
 */
export type V1Form = z.infer<typeof v1FormSchema>;
