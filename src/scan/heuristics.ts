/**
 * The judgements every rule shares: how random a string is, whether it is a
 * placeholder or a documented example, whether it refers to a value kept
 * elsewhere (an environment variable, a template slot). Pure.
 */
import { nodeCrypto } from "../io/lazy-crypto.js";
import documented from "./documented-examples.json" with { type: "json" };

// Counts of ASCII characters, reused: the entropy and variety of every candidate are computed
// without allocating (thousands of candidates in one file otherwise keep the collector busy).
const asciiCounts = new Int32Array(128);

/** Shannon entropy of the characters of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  if (!/[\u0080-\uffff]/.test(text)) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      asciiCounts[code] = (asciiCounts[code] as number) + 1;
    }
    let bits = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const n = asciiCounts[code] as number;
      if (n === 0) continue; // counted already
      asciiCounts[code] = 0;
      const p = n / text.length;
      bits -= p * Math.log2(p);
    }
    return bits;
  }
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many different letters and digits `text` holds. */
function distinctAlphanumerics(text: string): number {
  let distinct = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (alnum && asciiCounts[code] === 0) {
      asciiCounts[code] = 1;
      distinct++;
    }
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) asciiCounts[code] = 0;
  }
  return distinct;
}

/**
 * Example values published in vendors' documentation (AWS, jwt.io, Stripe,
 * GitHub, Telegram): they match the token formats but are not secrets, and
 * tutorials copy them everywhere. Kept in documented-examples.json, in pieces.
 */
export const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set(
  Object.entries(documented)
    .filter(([name]) => !name.startsWith("_"))
    .map(([, pieces]) => (pieces as string[]).join("")),
);

// Words that mark a value as a stand-in. Real tokens are random: the chance of
// one of these appearing in a random 40-character token is about one in a million
// (`abcdef` and the `a1b2c3` walks are what people type when they make a value up). A value that
// ends in `..` was cut short (`ops_eyJ…..[Redacted]`: what follows the dots is no character of a token).
const PLACEHOLDER_WORDS = /example|xxxx|base64[_-]?encoded|placeholder|changeme|change_me|replace|dummy|redacted|sample|insert|todo|fixme|notreal|not-a-real|mysecret|secret_here|key_here|token_here|\.\.\.|\.\.$|\u2026|\*\*\*\*|12345678|(?:token|key|secret|password|string|value|id)_?here|randomstring|random_string|####|[=_.-]here$|set[=_.-]it[=_.-]|fill[_-]?me|<[^<>\s]{0,60}>|^<|>$|abcdef|a1b2c3|1a2b3c/i;

// `your` as a word of the value (`your-api-key`, `YOUR_TOKEN`, `insertYourKey`, `enteryourkeyhere`), not four letters a
// random token happens to hold (`…zYOUR8sF…`, `…1yoUr…`): a 100-character key spells them about once in ten thousand.
const YOUR_LETTERS = /your/i;
const YOUR_WORD = /(?<![A-Za-z0-9])[Yy][Oo][Uu][Rr]|(?<=[a-z])Your|[a-z]{2}your[a-z]{2}|[A-Z]{2}YOUR[A-Z]{2}|[a-z]{2}your$|[A-Z]{2}YOUR$/;

/** True for values that stand in for a secret: `sk-xxxx`, `<your-key>`, `changeme`, `aaaaaaaa`, `...`. */
export function looksLikePlaceholder(value: string): boolean {
  // (The word's letters first: YOUR_WORD's lookbehinds cost every value what a search for four letters does not.)
  if (PLACEHOLDER_WORDS.test(value) || (YOUR_LETTERS.test(value) && YOUR_WORD.test(value))) return true;
  // A name in capitals between square brackets (`--set auth.rootPassword=[ROOT_PASSWORD]`, Bitnami's READMEs): a slot
  // to fill, as `<password>` is. Random capitals in brackets (`[KQ7XW2…]`) are no name.
  // A secret's word among its words will do (`[POSTGRESQL_PASSWORD]`: a product's name need not read as a word).
  if (value.charCodeAt(0) === 91 && /^\[[A-Z][A-Z0-9_]{1,60}\]$/.test(value) && (isWordyIdentifier(value.slice(1, -1)) || /_(?:PASSWORD|PASS|PWD|SECRET|TOKEN|KEY)\]$/.test(value))) return true;
  // Low variety: "0000000000", "abababab", "x-x-x-x".
  const distinct = distinctAlphanumerics(value);
  return distinct <= Math.min(4, Math.max(1, Math.floor(value.length / 4)));
}

/**
 * A vendor's token whose random part ends in a counting run (`…12345`, `…56789`): an edited sample
 * (CredSweeper's `tvly-dev-…12345  # FP`), as `abcdef` and `1234` at its start are. A random body ends
 * in one of these six runs about once in 150 million draws.
 */
export function endsInCountingRun(body: string): boolean {
  return /(?:01234|12345|23456|34567|45678|56789)$/.test(body);
}

const REFERENCE = [
  /^\$/, // $VAR, ${VAR}, $(cmd), ${{ secrets.X }}
  /^\\{1,2}\$[({]?[A-Za-z_]/, // \$VAR: escaped for the shell that runs the line (`--password="\$DB_PASSWORD"`), in a string that escapes it again
  /^%[({]?[A-Za-z_]/, // %(name)s, %{name}, %NAME%
  /^\{\{/, // {{ template }}
  /^<[^>]*>?$/, // <your-key>
  /^\[(?:parameters|variables|reference|concat|format|list\w{0,20}|resourceId|uniqueString|base64|guid)\(/i, // an ARM template's expression: "[parameters('adminPassword')]"
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|Deno\.env|System\.getenv|ENV\b|env\.|getenv|secrets\.|vault:|arn:aws:)/i,
];

/**
 * Words about a secret spelt in leetspeak (`T0pS3cr3t`, `My-Cust0m_S3cR3T`, `SuperSecretPassw0rd`): the
 * stock value of a document's or an example's setup, read with each digit or symbol between letters
 * turned back into its letter. A password that only swaps letters into one word (`summer$ecret`) is no
 * such thing: the words must be two or more and one of them a secret's.
 */
export function isLeetWordsAboutASecret(value: string): boolean {
  if (value.length > 40) return false;
  const read = value.replace(/(?<=[A-Za-z])[@4$5013!7](?=[A-Za-z])/g, (c) => LEET[c] ?? c);
  return read !== value && /^[\w.-]+$/.test(read) && (isWordsAboutASecret(read) || isWordsAboutASecret(read.toLowerCase()));
}

/**
 * Base64 of words that say what stands there, of a placeholder or of a URL (`dGVzdC1hcGkta2V5Cg==` is
 * `test-api-key` and the newline `echo` added): a Kubernetes Secret's data in a chart's test values.
 * Random bytes seldom decode to printable text, and never to words about a secret.
 */
export function isBase64OfWords(value: string): boolean {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, "base64").toString("latin1").replace(/\r?\n$/, "");
  if (!/^[\x21-\x7e]+$/.test(text)) return false;
  return isWordsAboutASecret(text) || looksLikePlaceholder(text) || /^[a-z][\w+.-]*:\/\/\S+$/i.test(text);
}

/** The longest name after a `$` in `value` is random, not words: 12 characters and more, digits among letters. */
function hasRandomNameAfterSigil(value: string): boolean {
  let longest = "";
  for (const m of value.matchAll(/\$([A-Za-z0-9]{12,200})/g)) if ((m[1] as string).length > longest.length) longest = m[1] as string;
  if (longest === "" || !/[A-Za-z]/.test(longest) || isWordyIdentifier(longest)) return false;
  const digits = longest.replace(/\D/g, "").length;
  return (/[a-z]/.test(longest) && /[A-Z]/.test(longest) && digits >= 1 && hasRandomCaseMix(longest)) || digits >= 3;
}

/** True when the value is a template slot or a lookup: `${VAR}`, `%(name)s`, `{{ x }}`, `<your-key>`, `process.env.X`. */
export function isTemplateReference(value: string): boolean {
  const v = value.replace(/^["'`]|[!?;,]+$/g, "");
  // A `$` before a long random run is a password's character: no one names a variable
  // `$nk65eLK2D2M8QORwqA7Ci…` or `$cee37651c728be` (a variable's name is made of words: `$API_TOKEN`, `$dbPassword`).
  if (v.startsWith("$") && hasRandomNameAfterSigil(v)) return false;
  return REFERENCE.some((re) => re.test(v));
}

/**
 * True when the value, in code, refers to one kept elsewhere: a template slot
 * or lookup, or a variable (`settings.API_KEY`, `os.environ[...]`).
 */
export function isReference(value: string): boolean {
  const v = value.replace(/^["'`]|[!?;,]+$/g, "");
  // A Go template's field (`$password := .Values.auth.password`, `$.Values.token`, Helm's charts) is a lookup; under
  // Helm's built-in objects (`.Values.`, `.Release.`) whatever its fields' words (`.Values.previousPasswords.postgresPassword`).
  if (/^\$?\.[A-Za-z_]/.test(v) && (/^\$?\.(?:Values|Release|Chart|Capabilities|Files|Template)(?:\.[A-Za-z_]\w*)+$/.test(v) || isDottedIdentifier(`x${v.replace(/^\$/, "")}`))) return true;
  return isTemplateReference(value) || isDottedIdentifier(v);
}

/** Numeronyms infrastructure's names use, each between separators (or the name's ends). */
const NUMERONYM = /(?<![A-Za-z0-9])(?:k8s|k3s|i18n|l10n|a11y|o11y)(?![A-Za-z0-9])/i;
const NUMERONYMS = new RegExp(NUMERONYM.source, "gi");
/** The word each stands for, short enough to be judged as one. */
const NUMERONYM_WORDS: Record<string, string> = { k8s: "kube", k3s: "kube", i18n: "intl", l10n: "locale", a11y: "access", o11y: "observe" };

/**
 * True for a name made of words: `scanJsDocToken`, `The_0_operator_is_not_allowed`,
 * `OPENAI_API_KEY`, `allHaveQuestionToken2`. Split at case changes, digits and
 * separators, a name has few short fragments, each pronounceable; a random
 * token (`mNtuWmC1sQ5`, `a3f9c2e1`, `xsRrsoHHZSONakm`) falls apart into short
 * or vowel-less pieces, and a long run of lowercase letters is no word either.
 */
export function isWordyIdentifier(value: string): boolean {
  if (!/^[A-Za-z_$][\w$-]*$/.test(value)) return false;
  // A numeronym between separators is a word (`etcd-cluster-k8s`, `i18n_labels`): read as one.
  if (/\d/.test(value) && NUMERONYM.test(value)) return isWordyIdentifier(value.replace(NUMERONYMS, (n) => NUMERONYM_WORDS[n.toLowerCase()] ?? "word"));
  const parts = value.split(/[_$-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/).filter(Boolean);
  const words = parts.filter((p) => !/^\d+$/.test(p));
  if (words.length === 0 || (parts.length - words.length) * 3 > Math.max(3, words.length)) return false;
  // Digits scattered through a long run of letters with no separator (`LQswe2PatySIRut8Ixk9Vgg`) are random.
  if (value.length >= 20 && !/[_$-]/.test(value) && parts.length - words.length >= 3) return false;
  // A word: a capital and lowercase letters, or an acronym; one of five or more letters has a
  // vowel (short abbreviations such as Jsx, Ctx, Html and acronyms up to HTTP need none).
  const isWord = (p: string) => /^(?:[A-Z]?[a-z]{1,15}|[A-Z]{1,6})$/.test(p) && (p.length <= 4 || /[aeiouy]/i.test(p));
  const short = words.filter((p) => p.length <= 2).length;
  // Short names are names too: `z`, `db`, `R_OK`.
  // An environment variable's or a secret store's name in capitals may hold longer words
  // (`MEMBER_CLUSTER_PREPROD_LEAK_TK01`): up to 15 letters, one in four of them vowels and no four
  // consonants in a row, as words are (random capitals have fewer vowels, and runs of consonants).
  const isCapitalWord = (p: string) => isWord(p) || (/^[A-Z]{7,15}$/.test(p) && p.replace(/[^AEIOUY]/g, "").length >= 0.25 * p.length && !/[^AEIOUY]{4}/.test(p));
  if (value.length <= 4 || /^[A-Z][A-Z0-9]{0,11}(?:_[A-Z0-9]{1,15})+$/.test(value)) return words.every(value.length <= 4 ? isWord : isCapitalWord);
  // Words in names come from human languages: about two letters in five are vowels, against one
  // in four in random letters.
  const letters = value.replace(/[^A-Za-z]/g, "");
  const vowels = letters.replace(/[^aeiouy]/gi, "").length;
  return words.every(isWord) && short * 3 <= words.length + 1 && (letters.length < 12 || vowels >= 0.3 * letters.length);
}

/**
 * Words, one of which names a secret: `wrong-password`, `my-smtp-password`, `test_Password123`,
 * `client-secret`, `test-token-123`. Such a value says what belongs there. Each part between
 * separators is a number or a name made of words (judged alone: a run of consonant-heavy words
 * fails the whole-value vowel count of isWordyIdentifier); a random part (`key-97b7…`) is not.
 */
export function isWordsAboutASecret(value: string): boolean {
  // One name in PascalCase or camelCase that ends in a secret's word names a parameter or a variable
  // (`ParentPassword`, `MasterMongoDBPassword`: a CloudFormation template's `Ref`s, kics' tests).
  const camel = value.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  if (camel.length >= 2 && camel.every((w) => /^[A-Z]?[a-z]{2,15}$|^[A-Z]{2,5}$/.test(w)) && /^(?:pass(?:w(?:or)?d)?|pwd|secret|token|key|credentials?)$/i.test(camel[camel.length - 1] ?? "")) return true;
  // A secret store's reference, `helm-chart-signing-key:passphrase` (its name, then the field), is words too.
  const parts = value.split(/[-_. ]+|(?<=[a-z]):(?=[a-z])/).filter(Boolean);
  // An environment variable's words are upper case (`MONGO_DB_PASSWORD`): a long one is judged as the word it spells.
  // A vendor's short prefix and a version (`pylf_v1_us_…`) are parts too, and a word spelt with a zero for its
  // first `o` (`0paque-azure-key-value-42`): none is random, and a word must still name a secret.
  const isWordPart = (p: string) =>
    /^\d{1,8}$/.test(p) || /^(?:[a-z]{2,4}|v\d{1,3})$/.test(p) || isWordyIdentifier(p.replace(/^0(?=[a-z]{3})/, "o")) || (/^[A-Z]{7,15}$/.test(p) && isWordyIdentifier(p.toLowerCase()));
  if (parts.length < 2 || !parts.every(isWordPart)) return false;
  const words = parts.flatMap((p) => p.replace(/\d+$/, "").split(/(?<=[a-z])(?=[A-Z])/));
  // A word may end in the secret's (`gatewayapikey`: whose key it stands for).
  return words.some((w) => /^(?:[a-z]{3,12}(?=(?:api)?key$|token$|secret$))?(?:pass(?:w(?:or)?d)?|passwd|passphrase|pwd|secret|token|key|apikey|credentials?)$/i.test(w));
}

/**
 * A dotted identifier names a variable or setting (settings.API_KEY,
 * config.openai.apiKey, scanner2.scanJsDocToken, result.groups?.password). Random tokens with dots
 * (JWTs, Discord tokens) are no such thing.
 */
function isDottedIdentifier(value: string): boolean {
  if (!/^[A-Za-z_$][\w$]*(?:[?!]?\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  return value.split(/[?!]?\./).every(isWordyIdentifier);
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
 * Values that are already encrypted: sops `ENC[AES256_GCM,…]`, hiera-eyaml's `ENC[PKCS7,…]` (and the same
 * form with another scheme, `ENC[RSA,…]`), Jasypt's `ENC(…)` in a Spring property, dotenvx `encrypted:…`, age
 * armor or a bare age file, a Bitnami SealedSecret's value (long base64 starting `Ag`), a cloud KMS's ciphertext
 * blob: AWS KMS's (`aws kms encrypt`'s `CiphertextBlob`, bytes 01 02 0x 00 78 then the key's ARN: base64 `AQICAH…`)
 * and Google Cloud KMS's (a protobuf whose first field holds 36 bytes: `CiQA…`, as Cloud Build's `secretEnv` shows).
 */
export function isEncryptedValue(value: string): boolean {
  return /^Ag[A-D][A-Za-z0-9+/]{300,}={0,2}$/.test(value) || /^AQI[BCD]AH[A-Za-z0-9+/]{90,}={0,2}$/.test(value) || /^CiQA[A-Za-z0-9+/]{60,}={0,2}$/.test(value) || /^ENC\[[A-Z0-9_]+,data:/.test(value) || /^ENC\[[A-Z][A-Z0-9_]{1,20},[A-Za-z0-9+/=\s]{8,8192}\]$/.test(value) || /^ENC\((?:\d{1,5}:)?[A-Za-z0-9+/=_-]{8,8192}\)$/.test(value) || /^encrypted:[A-Za-z0-9+/=]{20,}$/.test(value) || /-----BEGIN AGE ENCRYPTED FILE-----/.test(value) || /^age-encryption\.org\/v1/.test(value);
}

/**
 * The HMAC keys of published example tokens: jwt.io's debugger signs its example with
 * `your-256-bit-secret` (and `your-384-bit-secret`, `your-512-bit-secret`), lately with
 * `a-string-secret-at-least-256-bits-long`; tutorials copy those tokens, and other scanners' tests
 * build theirs with the same keys. A token anyone can sign authorises nothing.
 */
const PUBLISHED_HMAC_KEYS = ["your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret", "a-string-secret-at-least-256-bits-long", "secret"];

/** True for an HS256/384/512 JWT whose signature verifies with a published example key. */
export function isSignedWithPublishedKey(secret: string): boolean {
  const parts = /^(eyJ[\w-]+)\.[\w-]+\.[\w-]+$/.exec(secret);
  if (!parts) return false;
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8")) as { alg?: unknown }).alg;
  } catch {
    return false;
  }
  const hash = typeof alg === "string" ? { HS256: "sha256", HS384: "sha384", HS512: "sha512" }[alg] : undefined;
  if (!hash) return false;
  const dot = secret.lastIndexOf(".");
  const signature = secret.slice(dot + 1);
  const crypto = nodeCrypto();
  return PUBLISHED_HMAC_KEYS.some((key) => crypto.createHmac(hash, key).update(secret.slice(0, dot)).digest("base64url") === signature);
}

/**
 * A password hash in crypt(3) form, whole: MD5 (`$1$`, `$apr1$`), bcrypt, SHA-crypt (`$5$`, `$6$`),
 * Cisco's PBKDF2 and scrypt (`$8$`, `$9$`), yescrypt, argon2, and a Kerberos AS-REP hash. It starts
 * with `$` yet is no variable: each field has its exact length.
 */
const CRYPT_HASH =
  /^\$(?:2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|1\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22}|apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|5\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43}|6\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}|[89]\$[./A-Za-z0-9]{14}\$[./A-Za-z0-9]{43}|y\$[./A-Za-z0-9]{1,10}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}|argon2(?:id|i|d)\$v=\d{1,3}\$m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{8,100}\$[A-Za-z0-9+/]{16,200}|krb5asrep\$(?:17|18|23)\$(?:[^$\s:]{1,256}:)?[0-9a-f]{24,64}\$[0-9a-f]{64,8192})$/;

/** A crypt(3) hash whose hash part is no placeholder (`$2y$10$xxxx…`). */
export function isCryptHash(value: string): boolean {
  return CRYPT_HASH.test(value) && !looksLikePlaceholder(value.slice(value.lastIndexOf("$") + 1)) && shannonEntropy(value.slice(value.lastIndexOf("$") + 1)) >= 3;
}

// The first characters of each documented example long enough to be told by them (AWS's
// `wJalrXUtnFEMI/K7MDENG/bPxRfiCY…`): other scanners' tests edit the ending (`…YESATESTKEY`, `…YESAFAKEKEY`).
const EXAMPLE_HEAD = 24;
// A JWT's first characters are its header, which every token signed the same way shares: JWTs are left out.
const EXAMPLE_HEADS: ReadonlySet<string> = new Set(
  [...DOCUMENTED_EXAMPLES].filter((v) => v.length >= EXAMPLE_HEAD + 8 && !v.startsWith("eyJ")).map((v) => v.slice(0, EXAMPLE_HEAD)),
);

/**
 * True for a vendor's documented example whose ending was changed to say it is a test value: its first
 * 24 characters are the example's, and a word such as TEST or FAKE follows (`…bPxRfiCYESATESTKEY`).
 * Another ending (`…bPxRfiCYEFUCDlEKEY`) is left to the rules: other scanners' tests count it a key.
 */
export function isEditedExample(value: string): boolean {
  return value.length >= EXAMPLE_HEAD && EXAMPLE_HEADS.has(value.slice(0, EXAMPLE_HEAD)) && /test|fake|dummy|sample|mock/i.test(value.slice(EXAMPLE_HEAD));
}

/**
 * The common judgement applied to every rule's candidate: ASCII, random
 * enough, and not a placeholder, reference or documented example.
 */
export function isPlausibleSecret(value: string, minEntropy = 0): boolean {
  if (DOCUMENTED_EXAMPLES.has(value) || isEditedExample(value) || isSignedWithPublishedKey(value)) return false;
  // Public by design: a Datadog browser SDK's client token (`pub` and 32 hex digits) ships in every page.
  if (/^pub[0-9a-f]{32}$/.test(value)) return false;
  // Keys and tokens are ASCII; a value with other letters is prose or a template marker.
  if (/[^\x20-\x7e\r\n\t]/.test(value)) return false;
  if (looksLikePlaceholder(value) || (isReference(value) && !isCryptHash(value)) || isEncryptedValue(value)) return false;
  return shannonEntropy(value) >= minEntropy;
}

const CODE_EXTENSIONS = new Set(
  "js mjs cjs jsx ts tsx mts cts py pyw pyi go java kt kts scala groovy rb php cs fs vb rs swift c h cc cpp cxx hpp m mm dart lua pl pm r jl ex exs erl hs clj cljs vue svelte tf tfvars hcl nix bicep".split(" "),
);

/**
 * True for source code (and HCL), where a value that is not quoted is an
 * expression or a variable (`token = getToken()`, `password = var.db_password`), never a
 * literal; in config files (.env, YAML, INI, properties) it is the value itself.
 */
export function isCodeFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 && CODE_EXTENSIONS.has(base.slice(dot + 1).toLowerCase());
}

/** Documentation extensions: what a README, a guide or release notes are written in. */
const DOC_EXTENSIONS = new Set(["md", "markdown", "mdx", "rst", "adoc", "asciidoc", "txt", "textile", "org"]);

/** Names of files that hold secrets rather than describe them. */
const SECRET_STORE_NAME = /secret|credential|passw|passwd|token|(?:^|[._-])env(?:$|[._-])|(?:^|[._-])keys?(?:$|[._-])/i;

/** True for prose a person reads (a README, a guide, notes), where a password shown is an example. */
export function isDocFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return /^(?:README|CHANGELOG|CHANGES|NEWS|HISTORY|CONTRIBUTING|INSTALL|USAGE)$/i.test(base);
  const extension = base.slice(dot + 1).toLowerCase();
  // A plain text file named for what it holds (credentials.txt, passwords.txt, prod.env.txt) is a store, not prose.
  if (extension === "txt" && SECRET_STORE_NAME.test(base.slice(0, dot))) return false;
  return DOC_EXTENSIONS.has(extension);
}

/** A test's folder (tests/, spec/, __tests__/, e2e/, fixtures/, testdata/) or file (test_x.py, x_test.go, x.test.ts, x.spec.js). */
const TEST_PATH = /(?:^|\/)(?:tests?|specs?|__tests__|__mocks__|e2e|fixtures?|testdata|cypress|playwright)\/|(?:^|\/)(?:test_[^/]*|[^/]*_test\.[a-z]+|[^/]*\.(?:test|spec|e2e|cy)\.[a-z]+)$/i;

/** True for a test's file, where a stock password (`Password123!`) fills a form or a fixture, as in a README. */
export function isTestFile(path: string): boolean {
  return TEST_PATH.test(path);
}

/**
 * A search service's search-only key (Algolia's `ALGOLIA_SEARCH_KEY`, Typesense's `TYPESENSE_SEARCH_ONLY_API_KEY`):
 * made for the browser, where the vendors' own examples put it; it reads a public index, and the admin key is the secret.
 */
export const SEARCH_ONLY_KEY_NAME = /(?:algolia[_.-]?search|search[_.-]?only)(?:[_.-]?api)?[_.-]?key["'`]?$/i;

// What `p@$w0rd`, `Pa$w0rd!`, `s3cr3t123` spell once their digits and symbols are read as letters.
const LEET: Record<string, string> = { "@": "a", "4": "a", $: "s", "5": "s", "0": "o", "1": "i", "!": "i", "3": "e", "7": "t" };
const STOCK_PASSWORDS = new Set(["password", "passwort", "passwd", "pass", "secret", "admin", "administrator", "letmein", "welcome", "changeme", "qwerty", "root", "test", "default", "master", "monkey", "dragon", "iloveyou", "trustno"]);

/**
 * A stock password spelt with symbols and digits for letters (`pa$$word`, `P@ssw0rd1!`, `s3cr3t`,
 * `Adm1n123`): what documentation shows as a weak or sample password. Digits and `!` after the word
 * are a count or emphasis; the word is read with its symbols as letters, then compared.
 */
export function spellsAStockPassword(value: string): boolean {
  if (value.length > 24) return false;
  const word = value.toLowerCase().replace(/[\d!?.#*]{1,6}$/, "");
  if (word.length < 4) return false;
  const read = word.replace(/[@4$5013!7]/g, (c) => LEET[c] ?? c).replace(/[il]/g, "i");
  for (const stock of STOCK_PASSWORDS) if (read === stock.replace(/l/g, "i")) return true;
  return false;
}

/**
 * Words before a bare `key` that make it something public or no credential at all: a public or
 * site key, a database's or a cache's key, a map's or a message's key.
 */
export const NOT_A_CREDENTIAL_KEY =
  /^(?:public|pub|publishable|site|primary|foreign|sort|partition|range|hash|cache|idempotency|dedup|dedupe|unique|composite|shard|routing|row|column|table|index|object|s3|bucket|file|registry|i18n|translation|message|lookup|ssh|gpg|pgp|host|known|verify|verification|instrumentation|tracking|measurement|analytics|event|group|dict|item|entry|record|field|property|prop|attribute|element|node|metric|label|tag|query|param|header|cookie|sequence|seq|state|config|setting|settings|map|storage_account_name|react|list|hot|short|shortcut|press|up|down|next|prev|previous|last|first|default|local|remote|vapid|anon|identity|license_plate|project|result|resource|cert|certificate|any|some|other|foo|bar|test|sample|example|dummy|fake|pk|fk|sk|id|duplicate|missing|invalid|unknown|unexpected|bad|wrong|no|the|a|an|this|that|each|every|which|same|using|with|use)$/i;
