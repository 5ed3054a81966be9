/**
 * Known secrets: values the user already keeps in the vault or embeds in an
 * agent.lock. Finding one of them in a staged change is the strongest signal
 * there is, so each value is searched as is and in the encodings it commonly
 * travels in: base64 (standard and URL-safe, at any alignment inside a longer
 * base64 string, as in an HTTP Basic header), URL-encoding and JSON escaping.
 * Pure.
 */

import { looksLikePlaceholder } from "./heuristics.js";

/** Values shorter than this are not searched: they would match by chance. */
export const MIN_KNOWN_SECRET_LENGTH = 8;

/** One string to look for, and the value it stands for. */
export interface Needle {
  text: string;
  /** How the value was encoded into `text`. */
  encoding: "plain" | "base64" | "base64url" | "url" | "json";
  /** The known value itself (for the fingerprint; never printed). */
  value: string;
}

/** The prepared search: every needle, longest first so the widest match wins. */
export interface KnownSecrets {
  needles: readonly Needle[];
}

/** No known secrets. */
export const NO_KNOWN_SECRETS: KnownSecrets = { needles: [] };

/**
 * The part of base64(value) that is the same wherever `value` starts in a
 * longer byte string, for each of the three alignments modulo 3. Characters
 * that mix bits of the value with bits of its neighbours are cut off.
 */
function base64Cores(value: Buffer, alphabet: "base64" | "base64url"): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), value]);
    const encoded = padded.toString(alphabet).replace(/=+$/, "");
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor((padded.length * 8) / 6);
    cores.push(encoded.slice(first, last));
  }
  return cores;
}

/** Prepares the search for these values (duplicates and short values dropped). */
export function prepareKnownSecrets(values: Iterable<string>): KnownSecrets {
  const seen = new Map<string, Needle>();
  const add = (text: string, encoding: Needle["encoding"], value: string) => {
    if (text.length >= MIN_KNOWN_SECRET_LENGTH && !seen.has(text)) seen.set(text, { text, encoding, value });
  };
  for (const value of values) {
    // A stand-in ("changeme", "xxxxxxxx") kept in a vault is no secret, and would match everywhere.
    if (value.length < MIN_KNOWN_SECRET_LENGTH || looksLikePlaceholder(value)) continue;
    add(value, "plain", value);
    const bytes = Buffer.from(value, "utf8");
    for (const core of base64Cores(bytes, "base64")) add(core, "base64", value);
    for (const core of base64Cores(bytes, "base64url")) add(core, "base64url", value);
    add(encodeURIComponent(value), "url", value);
    add(JSON.stringify(value).slice(1, -1), "json", value);
  }
  return { needles: [...seen.values()].sort((a, b) => b.text.length - a.text.length) };
}

/** A place where a known secret occurs. */
export interface KnownSecretHit {
  start: number;
  end: number;
  needle: Needle;
}

/** Every occurrence of a known secret in `text` (overlaps included; the scanner keeps the first). */
export function findKnownSecrets(text: string, known: KnownSecrets): KnownSecretHit[] {
  const hits: KnownSecretHit[] = [];
  for (const needle of known.needles) {
    for (let at = text.indexOf(needle.text); at >= 0; at = text.indexOf(needle.text, at + needle.text.length)) {
      hits.push({ start: at, end: at + needle.text.length, needle });
    }
  }
  return hits;
}
