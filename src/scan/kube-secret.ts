/**
 * The values of a Kubernetes Secret manifest (`kind: Secret`, YAML): each entry of its `data:` (base64)
 * and `stringData:` (plain) is a secret by what the manifest says, whatever its key is named (`extra`,
 * `.dockerconfigjson`, `key`). Entries that are no credential by their name (`username`, `host`, a
 * certificate), empty values, references, placeholders, stock passwords and, under `data:`, values
 * that are not base64 (Kubernetes rejects them) pass. One pass over the lines: linear. Pure.
 */
import { DOCUMENTED_EXAMPLES, isEncryptedValue, isLeetWordsAboutASecret, isTemplateReference, isWordsAboutASecret, looksLikePlaceholder, shannonEntropy } from "./heuristics.js";
import { isPasswordValue } from "./rules.js";

/** A value found in a Secret's data, at [start, end) of the text, with its entry's key. */
export interface KubeSecretValue {
  start: number;
  end: number;
  name: string;
}

const KIND_SECRET = /^[ \t]{0,8}["']?kind["']?[ \t]{0,4}:[ \t]{0,4}["']?secret["']?[ \t]{0,4}(?:#[^\n]{0,200})?\r?$/im;
// Keys whose values are no credential: who and where (the secret is the password beside them), a certificate or a public key.
const NOT_A_CREDENTIAL = /^(?:user(?:name)?|login|email|host(?:name)?|port|url|uri|endpoint|server|address|database|db|dbname|schema|namespace|region|project|name|ca|cert|certificate|[\w.-]{0,60}\.(?:crt|pem|pub|cer))$/i;
// What samples put in a Secret: the base64 of these is an illustration.
const STOCK = /^(?:password|passw0rd|secret|changeme|admin|root|test|testing|example|user|pass|demo|default|letmein|mypassword|password123|secret123|admin123|value|true|false|null)$/i;

/** True for a YAML file that holds a Kubernetes Secret (kind: Secret anywhere in it). */
export function isKubeSecretFile(path: string, text: string): boolean {
  return /\.ya?ml$/i.test(path) && /kind/i.test(text) && KIND_SECRET.test(text);
}

/** The secret values of every `kind: Secret` document of a YAML text. */
export function kubeSecretValues(text: string): KubeSecretValue[] {
  const out: KubeSecretValue[] = [];
  // YAML documents, split at `---` lines: a Secret's kind and its data belong to one.
  let docStart = 0;
  const ends = [...text.matchAll(/^---[ \t]*\r?$/gm)].map((m) => m.index ?? 0);
  for (const end of [...ends, text.length]) {
    const doc = text.slice(docStart, end);
    if (KIND_SECRET.test(doc)) valuesOfDocument(doc, docStart, out);
    docStart = end;
  }
  return out;
}

interface Line {
  start: number;
  text: string;
  indent: number;
}

function valuesOfDocument(doc: string, offset: number, out: KubeSecretValue[]): void {
  const lines: Line[] = [];
  let at = 0;
  for (const raw of doc.split("\n")) {
    const text = raw.replace(/\r$/, "");
    lines.push({ start: offset + at, text, indent: /^ */.exec(text)?.[0].length ?? 0 });
    at += raw.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const head = /^( *)(data|stringData)[ \t]*:[ \t]*(?:#.*)?$/.exec(lines[i]?.text ?? "");
    if (!head) continue;
    const base64 = head[2] === "data";
    const top = head[1]?.length ?? 0;
    let entryIndent = -1;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] as Line;
      if (/^\s*(?:#.*)?$/.test(line.text)) continue;
      if (line.indent <= top) break;
      if (entryIndent < 0) entryIndent = line.indent;
      if (line.indent !== entryIndent) continue;
      const entry = /^ *["']?([\w.-]{1,253})["']?[ \t]*:[ \t]*(.*)$/.exec(line.text);
      if (!entry) continue;
      const name = entry[1] as string;
      const rest = (entry[2] as string).replace(/[ \t]+#.*$/, "");
      let start: number;
      let value: string;
      if (/^[|>][+-]?\d?$/.test(rest)) {
        // A block scalar: the lines indented further, joined (base64 may wrap).
        let k = j + 1;
        const parts: string[] = [];
        let last: Line | undefined;
        for (; k < lines.length && ((lines[k] as Line).indent > entryIndent || (lines[k] as Line).text.trim() === ""); k++) {
          const l = lines[k] as Line;
          if (l.text.trim() !== "") {
            parts.push(l.text.trim());
            last = l;
          }
        }
        if (!last) continue;
        // Under stringData, a block of several lines that are not wrapped base64 is a file's text (a
        // prometheus.yml, an application.properties): the rules judge it by what it holds, as in any file.
        if (!base64 && parts.length >= 2 && !parts.every((p) => /^[A-Za-z0-9+/=]+$/.test(p))) {
          j = k - 1;
          continue;
        }
        const first = lines.slice(j + 1, k).find((l) => l.text.trim() !== "") as Line;
        start = first.start + first.indent;
        value = parts.join("");
        out.push(...judged(name, value, base64, start, last.start + last.text.length));
        j = k - 1;
        continue;
      }
      const quoted = /^(["'])(.*)\1$/.exec(rest);
      value = quoted ? (quoted[2] as string) : rest.trim();
      start = line.start + line.text.length - rest.length + (quoted ? 1 : 0);
      out.push(...judged(name, value, base64, start, start + value.length));
    }
    i = j - 1;
  }
}

function judged(name: string, value: string, base64: boolean, start: number, end: number): KubeSecretValue[] {
  if (value === "" || NOT_A_CREDENTIAL.test(name) || value.length > 8192) return [];
  if (isTemplateReference(value) || looksLikePlaceholder(value) || DOCUMENTED_EXAMPLES.has(value) || isEncryptedValue(value)) return [];
  let text = value;
  if (base64) {
    // Kubernetes rejects what is not base64: such a value is a manifest's illustration.
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value)) return [];
    const decoded = Buffer.from(value, "base64").toString("latin1");
    // Random bytes (a key, a token's raw form): a secret when long enough to be one.
    if (!/^[\x20-\x7e\t\r\n]+$/.test(decoded)) return value.length >= 12 && shannonEntropy(value) >= 3 ? [{ start, end, name }] : [];
    // Longer text is a file's (a config, a JSON document, a key's text as `ceph auth get-key` prints it):
    // the rules judge it by what it holds, as in any other file.
    if (decoded.trim().length >= 24) return [];
    text = decoded.trim();
  } else if (value.length >= 32 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    // Under stringData, base64 of a key's text (encoded once more, as a Ceph key's example does) is that text's.
    const decoded = Buffer.from(value, "base64").toString("latin1");
    if (/^[\x20-\x7e\t\r\n]{24,}$/.test(decoded)) return [];
  }
  // Keys and passwords are ASCII; a URL is the URL rules' to judge (a password in its user info).
  if (/[^\x20-\x7e]/.test(text) || text.includes("://") || text.length < 8 || STOCK.test(text) || isWordsAboutASecret(text) || isLeetWordsAboutASecret(text)) return [];
  // A password as the generic rules judge one under a password's name (`sCaleio123`, a name and a count, is none).
  return isPasswordValue(text) ? [{ start, end, name }] : [];
}
