/**
 * The one sanitizer for text that came from data (file contents, credential
 * and agent names, paths, schema errors) on its way to a terminal. A
 * repository can hold names like `agent\u001b]0;pwned\u0007.lock`: printed
 * raw, an escape sequence retitles the window, moves the cursor, rewrites
 * what was printed before or (OSC 52) writes the clipboard, and a bidi
 * override makes text read differently from what it is. So every character
 * that steers a terminal rather than showing a glyph is written as a visible
 * `\uXXXX` escape:
 *
 * - C0 controls (U+0000-U+001F) but line feed and tab, and a carriage return
 *   not followed by a line feed (it would return over the line);
 * - DEL (U+007F) and the C1 controls (U+0080-U+009F: U+009B is a one-byte CSI);
 * - bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069),
 *   the marks U+200E, U+200F, U+061C, and the line and paragraph separators
 *   U+2028, U+2029.
 *
 * `\uXXXX` is also JSON's own escape, so for JSON text (textconv, `show
 * --json`) the result is the same JSON: those characters can only stand
 * inside strings there, where the escape means the same character.
 */

import { isAscii } from "node:buffer";

/** The characters that are escaped (a carriage return only when no line feed follows). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;
/** The same, plus line feed and tab, for text that must stay on one line. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The colour changes backpack itself writes (output.ts `color`): reset, bold,
 * dim, red, green, yellow, cyan. Only SGR, which cannot move the cursor,
 * retitle, hide text or write anywhere; a message may keep them. Any other
 * sequence is escaped.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const OWN_SGR = /\u001b\[(?:0|1|2|31|32|33|36)m/y;

const escapeChar = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** Text made safe for a terminal: see the module comment. Line feeds and tabs stay. */
export function sanitize(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, escapeChar);
}

/**
 * True when sanitize would leave `json`, JSON.stringify's output as UTF-8, as
 * it is. JSON.stringify escapes every C0 control (a carriage return too) and
 * its layout adds only line feeds and spaces, so what sanitize escapes can
 * only be DEL or a character beyond ASCII there: checked natively in
 * microseconds, where sanitize's scan of a 1 MB text takes a millisecond or
 * more (the filter checks every version `git log -p` shows). False says
 * nothing: sanitize decides then.
 */
export function stringifiedJsonIsSafe(json: Buffer): boolean {
  return isAscii(json) && json.indexOf(0x7f) === -1;
}

/** Like sanitize, and line feeds and tabs escaped too: for a name or path shown inside a line. */
export function sanitizeInline(text: string): string {
  UNSAFE_ONE_LINE.lastIndex = 0;
  if (!UNSAFE_ONE_LINE.test(text)) return text;
  return text.replace(UNSAFE_ONE_LINE, escapeChar);
}

/**
 * A message line made safe, keeping backpack's own colour codes (OWN_SGR)
 * when `colour` is on for the stream it goes to, and escaping every other
 * control: what say, note and the prompts use. With colour off (a pipe,
 * NO_COLOR, TERM=dumb) backpack writes no colour, so every escape sequence in
 * the text came from data and is escaped, its colours included.
 */
export function sanitizeMessage(text: string, colour: boolean): string {
  if (!colour || !text.includes("\u001b")) return sanitize(text);
  let out = "";
  let at = 0;
  for (let i = text.indexOf("\u001b"); i !== -1; i = text.indexOf("\u001b", i + 1)) {
    OWN_SGR.lastIndex = i;
    const own = OWN_SGR.exec(text);
    if (!own) continue;
    out += sanitize(text.slice(at, i)) + own[0];
    at = i + own[0].length;
    i = at - 1;
  }
  return out + sanitize(text.slice(at));
}
