/**
 * The words every part of the format shares: layer names, the cipher id,
 * credential names and JSON values. Plain TypeScript with no imports, so that
 * schema.ts (zod), crypto.ts and layers.ts can all use them without importing
 * one another.
 */

/**
 * Layers of at least this many bytes are large: brotli (flag "b") instead of
 * fflate's deflate, and the clean filter keeps the token git holds for a large
 * layer that did not change (encrypt.ts, encryptSlot). Here, not in encrypt.ts,
 * so the filter can tell a large file before it loads the encrypting code.
 */
export const LARGE_LAYER_BYTES = 64 * 1024;

/**
 * Stored forms this large (bytes) have the text a diff decrypted them to recorded (git/render-cache.ts):
 * below it, decrypting costs less than reading a file. Here so the filter can skip the lookup for the rest.
 */
export const RECALLED_STORED_BYTES = 64 * 1024;

/** The cipher id recorded in the stored form's header. */
export const CIPHER_ID = "aes-256-gcm-hsiv";

/** Credential names become environment variables: new names are shell-safe. */
export const CREDENTIAL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What a credential value may not hold: NUL and the other C0 controls but tab,
 * line feed and carriage return (a PEM key spans lines), DEL and the C1
 * controls. A value becomes an environment variable (where NUL cannot go:
 * Node's error then quoted the value) and may reach a terminal.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CREDENTIAL_VALUE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a credential value is refused (which character, where; never the value), or undefined. */
export function credentialValueProblem(value: string): string | undefined {
  const found = CREDENTIAL_VALUE_FORBIDDEN.exec(value);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `holds a control character (U+${code} at position ${found.index + 1}); a credential value cannot hold one`;
}

/**
 * The names an agent.lock may hold: the shell-safe ones, and those the Python
 * tool accepted that an environment variable can still carry (a leading
 * digit, letters of any script, "-" and "."; never "=", a space or a control
 * character). Read, shown and run; `backpack key rename` makes them
 * shell-safe. New names (init, key add, templates) use CREDENTIAL_NAME.
 */
export const FILE_CREDENTIAL_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}\p{M}_.-]{0,127}$/u;

/** The three encrypted layers, in the order they are stored. */
export const LAYER_NAMES = ["credentials", "personality", "memory"] as const;
/** One of the three encrypted layers: "credentials", "personality" or "memory". */
export type LayerName = (typeof LAYER_NAMES)[number];

/** A JSON value as JSON.parse returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object: the memory and personality layers. */
export type JsonObject = { [key: string]: JsonValue };

/** A file id: 16 random bytes, base64url. Made when a file is created, kept in its header (format 3). */
export const FILE_ID = /^[A-Za-z0-9_-]{22}$/;

/** The stored form's format versions backpack reads; it writes the newest (3) when the document has a file id. */
export const STORED_VERSIONS = [2, 3] as const;
