/**
 * Sealed layers: in a team repository with a key per layer, a member who does
 * not hold a layer's key still checks out, edits and commits the layers they
 * read. The layer they cannot read stays sealed in their working file, as its
 * stored token, visibly:
 *
 *   "credentials": { "$sealed": "v3.j.<token>", "key": "<16 hex>", "readers": ["alice"] }
 *
 * `$sealed` is the token exactly as the stored form holds it, `key` the
 * fingerprint of the layer key it is encrypted with (both go back into the
 * stored form byte for byte on clean), `readers` who can open it (from the
 * team file at checkout; informative only, never trusted: clean ignores it).
 * In memory a sealed layer is the layer `{}` plus an entry in `doc.sealed`,
 * so code that reads a layer never mistakes a token for data. Pure.
 */
import { isRecord } from "./canonical.js";
import { LAYER_NAMES, type JsonObject, type LayerName } from "./types.js";

/** The key a sealed layer is marked with at the top of the layer's object. */
export const SEALED_MARK = "$sealed";

const TOKEN = /^v3\.[jzb]\.[A-Za-z0-9_-]+$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const READER = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;
const PLACEHOLDER_KEYS = new Set([SEALED_MARK, "key", "readers"]);

/** A layer this user cannot open: its stored token and the fingerprint of its key. */
export interface SealedLayer {
  /** The layer's stored token, kept byte for byte. */
  token: string;
  /** The fingerprint of the layer's key. */
  key: string;
  /** Who can open it (team file names); shown, never trusted. */
  readers?: string[];
}

/** The sealed layers of a document, by layer. */
export type SealedLayers = Partial<Record<LayerName, SealedLayer>>;

/** True when `value` has the sealed mark (well formed or not): such an object is never layer data. */
export function hasSealedMark(value: unknown): boolean {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, SEALED_MARK);
}

/** The sealed layer a placeholder object describes, or undefined when it is not a well-formed one. */
export function readSealedPlaceholder(value: unknown): SealedLayer | undefined {
  if (!isRecord(value) || !hasSealedMark(value)) return undefined;
  if (!Object.keys(value).every((k) => PLACEHOLDER_KEYS.has(k))) return undefined;
  const token = value[SEALED_MARK];
  const key = value.key;
  if (typeof token !== "string" || !TOKEN.test(token) || typeof key !== "string" || !FINGERPRINT.test(key)) return undefined;
  const sealed: SealedLayer = { token, key };
  if (value.readers !== undefined) {
    if (!Array.isArray(value.readers) || value.readers.length > 1000 || !value.readers.every((r) => typeof r === "string" && READER.test(r))) return undefined;
    sealed.readers = value.readers as string[];
  }
  return sealed;
}

/** The placeholder object of a sealed layer, as the working file shows it. */
export function sealedPlaceholder(sealed: SealedLayer, withReaders = true): JsonObject {
  const out: JsonObject = { [SEALED_MARK]: sealed.token, key: sealed.key };
  if (withReaders && sealed.readers) out.readers = [...sealed.readers];
  return out;
}

/**
 * Takes the sealed placeholders out of a parsed working-form object: each
 * becomes `{}` in `json` and an entry in the result. Undefined when a layer
 * carries the sealed mark but is no well-formed placeholder (the caller
 * refuses the file). Mutates `json`.
 */
export function extractSealed(json: Record<string, unknown>): { sealed: SealedLayers } | undefined {
  const sealed: SealedLayers = {};
  for (const layer of LAYER_NAMES) {
    if (!hasSealedMark(json[layer])) continue;
    const found = readSealedPlaceholder(json[layer]);
    if (!found) return undefined;
    sealed[layer] = found;
    json[layer] = {};
  }
  return { sealed };
}

/** The layers of `sealed` that are set, in layer order. */
export function sealedLayerNames(sealed: SealedLayers | undefined): LayerName[] {
  return sealed ? LAYER_NAMES.filter((l) => sealed[l] !== undefined) : [];
}

/** "sealed (readers: alice, carol)": how show, diff and textconv name a sealed layer. */
export function describeSealed(sealed: SealedLayer): string {
  return sealed.readers?.length ? `sealed (readers: ${sealed.readers.join(", ")})` : "sealed";
}
