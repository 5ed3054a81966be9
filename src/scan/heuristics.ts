/**
 * The judgements every rule shares: how random a string is, whether it is a
 * placeholder or a documented example, whether it refers to a value kept
 * elsewhere (an environment variable, a template slot). Pure.
 */

/** Shannon entropy of the characters of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Example values published in vendors' documentation: they match the token
 * formats but are not secrets, and tutorials copy them everywhere.
 */
export const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  // AWS docs
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  // jwt.io's default token
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  // Stripe docs' public test keys
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
  // GitHub docs' token-format example
  "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
  // Telegram Bot API docs
  "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
]);

// Words that mark a value as a stand-in. Real tokens are random: the chance of
// one of these appearing in a random 40-character token is about one in a million.
const PLACEHOLDER_WORDS = /example|xxxx|your|placeholder|changeme|change_me|replace|dummy|redacted|sample|insert|todo|fixme|notreal|not-a-real|mysecret|secret_here|key_here|token_here|\.\.\.|…|\*\*\*\*|12345678|abcdefgh|<|>/i;

/** True for values that stand in for a secret: `sk-xxxx`, `<your-key>`, `changeme`, `aaaaaaaa`, `...`. */
export function looksLikePlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // Low variety: "0000000000", "abababab", "x-x-x-x".
  const distinct = new Set(value.replace(/[^A-Za-z0-9]/g, "")).size;
  return distinct <= Math.min(4, Math.max(1, Math.floor(value.length / 4)));
}

const REFERENCE = [
  /^\$/, // $VAR, ${VAR}, $(cmd), ${{ secrets.X }}
  /^%[({]?[A-Za-z_]/, // %(name)s, %{name}, %NAME%
  /^\{\{/, // {{ template }}
  /^<[^>]*>?$/, // <your-key>
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|Deno\.env|System\.getenv|ENV\b|env\.|getenv|secrets\.|vault:|arn:aws:)/i,
];

/** True when the value refers to one kept elsewhere: `${VAR}`, `process.env.X`, `os.environ[...]`, `<your-key>`. */
export function isReference(value: string): boolean {
  const v = value.replace(/^["'`]|[!?;,]+$/g, "");
  if (REFERENCE.some((re) => re.test(v))) return true;
  return isDottedIdentifier(v);
}

/**
 * A dotted identifier names a variable or setting (settings.API_KEY,
 * config.openai.apiKey). Random tokens with dots (JWTs, Discord tokens) have
 * digits throughout and long segments of mixed case, which identifiers lack.
 */
function isDottedIdentifier(value: string): boolean {
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if ((value.match(/\d/g)?.length ?? 0) > 3) return false;
  return value.split(".").every((segment) => segment.length <= 40 && (segment.length < 12 || !hasRandomCaseMix(segment) || !/[a-z]/.test(segment)));
}

/** True when a random-looking token mixes cases the way random text does (not a camelCase identifier). */
export function hasRandomCaseMix(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, "");
  if (letters.length < 8) return true;
  const upper = letters.replace(/[^A-Z]/g, "").length;
  const ratio = upper / letters.length;
  return ratio >= 0.2 && ratio <= 0.8;
}

/**
 * The common judgement applied to every rule's candidate: long enough, random
 * enough, and not a placeholder, reference or documented example.
 */
export function isPlausibleSecret(value: string, minEntropy = 0): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return false;
  if (looksLikePlaceholder(value) || isReference(value)) return false;
  return shannonEntropy(value) >= minEntropy;
}
