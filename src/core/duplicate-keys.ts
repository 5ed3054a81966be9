/**
 * Duplicate object keys in JSON text. JSON.parse keeps the last of two equal
 * keys, so `{"layers": {...ciphertext...}, "layers": {...}}` or a working form
 * with two `credentials` would read as something other than what a reviewer,
 * a scanner or another parser sees. Every reader of an agent.lock refuses
 * them. One pass over the text, linear time, no allocation beyond the keys of
 * the open objects. Pure.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first duplicated key (as a dotted path, e.g. `layers.memory`) in JSON
 * `text`, or undefined when there is none. Meant for text JSON.parse accepts;
 * on other text its answer is unspecified but it never throws.
 */
export function findDuplicateKey(text: string): string | undefined {
  // A frame per open container: the keys seen (objects only) and the key being read.
  const frames: { keys: Set<string> | undefined; key: string }[] = [];
  let expectKey = false;
  // The next backslash at or after the string being read (-1: none left), looked up again only once passed.
  let slash = text.indexOf("\\");
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // The closing quote, found by indexOf (a native scan: most strings here are long tokens);
      // a backslash before it means escapes, walked by hand from there.
      let j = text.indexOf('"', i + 1);
      if (j < 0) j = text.length;
      let escaped = false;
      if (slash >= 0 && slash <= i) slash = text.indexOf("\\", i + 1);
      if (slash >= 0 && slash < j) {
        escaped = true;
        for (j = slash; j < text.length; j++) {
          const d = text.charCodeAt(j);
          if (d === BACKSLASH) j++;
          else if (d === QUOTE) break;
        }
      }
      const frame = frames[frames.length - 1];
      if (expectKey && frame?.keys) {
        const raw = text.slice(i + 1, j);
        let key = raw;
        if (escaped) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            return undefined;
          }
        }
        if (frame.keys.has(key)) return [...frames.slice(0, -1).map((f) => f.key), key].filter((k) => k !== "").join(".");
        frame.keys.add(key);
        frame.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      frames.push({ keys: new Set(), key: "" });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      frames.push({ keys: undefined, key: "" });
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = frames[frames.length - 1]?.keys !== undefined;
    }
  }
  return undefined;
}
