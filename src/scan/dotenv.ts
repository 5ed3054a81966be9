/**
 * `.env`-style files, as frameworks use them (Next.js, Vite, dotenv-flow):
 * `.env`, `.env.development`, `.env.production` are committed with public
 * defaults, so in them only a value assigned to a secret-looking name counts;
 * `.env.local` and `.env.*.local` (and direnv's `.envrc`) hold a developer's
 * own values and stay out of git, so any real value in them counts. Templates
 * (`.env.example`, `.env.sample`, …) pass. Values already encrypted (sops
 * `ENC[…]`, dotenvx `encrypted:…`, an age-armored block) are not secrets. Pure.
 */
import { DOCUMENTED_EXAMPLES, SEARCH_ONLY_KEY_NAME, isEncryptedValue, isTemplateReference, isWordsAboutASecret, looksLikePlaceholder } from "./heuristics.js";

const TEMPLATE_WORD = /(?:^|[._-])(?:example|examples|sample|samples|template|templates|tmpl|tpl|dist|default|defaults|schema)(?:[._-]|$)/i;

/**
 * What a path is to the dotenv check: `local` (a developer's own values: every real value
 * counts), `shared` (committed defaults: secret-named values count), a template, or neither.
 */
export function dotenvKind(path: string): "local" | "shared" | "template" | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const isEnv = /^\.env(?:\..+)?$/i.test(base) || /^[^.][\w.-]*\.env$/i.test(base) || base === ".envrc";
  if (!isEnv) return undefined;
  if (TEMPLATE_WORD.test(base.replace(/^\.env/i, "")) || TEMPLATE_WORD.test(base.replace(/\.env$/i, ""))) return "template";
  return base === ".envrc" || /\.local$/i.test(base) ? "local" : "shared";
}

// The words that say a name's value is a secret (DB_PASSWORD, stripeSecretKey, AUTH_TOKEN, DBPASSWORD, SMTP_PASSCODE,
// KEYSTORE_PASSKEY). Where one ends is judged apart, by case (`endsWord`): under /i a class such as [A-Z] is any letter.
const SECRET_WORD = /(?:secret(?:_?key)?|token|pass(?:word|wd|phrase|code|key)?|pwd|api_?key|apikey|(?:access|private|signing|encryption|master|auth|account|app|client|session|service|admin)_?key|credentials?|creds?|dsn|salt|pepper)/gi;

/** A stage an all-caps name may join to the word without a separator (`DBPASSWORDPROD`, `GITHUBTOKENDEV`). */
const STAGE_SUFFIX = /^(?:PROD|PRD|DEV|TEST|LIVE|STAGING|STAGE|STG|QA|UAT)(?![A-Za-z])/;

/**
 * True when the word that ends before `end` ends the name's word there: at the name's end, a
 * separator or a digit, a camelCase hump (`tokenSecret`), a stage joined to an all-caps
 * name (`DBPASSWORDPROD`), or a plural `s` that ends it (`API_TOKENS`). A letter of the same case goes on with the word: `TOKENIZER`,
 * `PASSWORDLESS_MODE`, `CREDIT_LIMIT` and `smtpCredit` hold no secret's name.
 */
function endsWord(name: string, end: number): boolean {
  const next = name[end];
  if (next === undefined || /[^A-Za-z]/.test(next)) return true;
  const last = name[end - 1] ?? "";
  if (/[a-z]/.test(last) && /[A-Z]/.test(next)) return true;
  if (/[A-Z]/.test(last) && STAGE_SUFFIX.test(name.slice(end, end + 8))) return true;
  return (next === "s" || next === "S") && (end + 1 === name.length || /[^A-Za-z]/.test(name[end + 1] ?? "") || (next === "s" && /[A-Z]/.test(name[end + 1] ?? "")));
}

function hasSecretWord(name: string): boolean {
  for (const match of name.matchAll(SECRET_WORD)) {
    if (endsWord(name, match.index + match[0].length)) return true;
    // `secret_key` is read whole first; where that runs on (`SECRET_KEYRING`), `secret` alone may still end a word.
    if (match[0].length > 6 && /^secret/i.test(match[0]) && endsWord(name, match.index + 6)) return true;
  }
  return false;
}
// Names of values meant to be public: shipped to the browser on purpose, or public keys; and names
// whose last word says the value describes a secret rather than being one (TOKEN_STORAGE_KEY holds
// the key a token is stored under, SESSION_COOKIE_NAME a cookie's name, TOKEN_EXPIRY a duration).
const PUBLIC_NAME =
  /(?:^|_)(?:PUBLIC|PUBLISHABLE|PUB)(?:_|$)|PUBLIC_KEY|_(?:URL|URI|HOST|PORT|ID|FILE|PATH|DIR|NAME|TYPE|LENGTH|LEN|TTL|EXPIRY|EXPIRES|EXPIRATION|TIMEOUT|ENDPOINT|STORAGE_KEY|COOKIE|PREFIX|REGION|ALGORITHM|ALG|ISSUER|AUDIENCE|SCOPES?|MIN_LENGTH|MAX_LENGTH|ENABLED|REQUIRED|VERSION)$/i;

/** True when a committed .env's variable `name` holds a secret by its name. */
export function isSecretDotenvName(name: string): boolean {
  return hasSecretWord(name) && !PUBLIC_NAME.test(name) && !SEARCH_ONLY_KEY_NAME.test(name);
}

/** One `NAME=value` line whose value is real. */
export interface DotenvValue {
  /** 1-based. */
  line: number;
  /** Offset of the value in the whole text. */
  start: number;
  end: number;
  name: string;
}

const ASSIGNMENT = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)(.*)$/;

/** The value as a dotenv parser reads it: quotes removed, an unquoted value's ` # comment` dropped. */
function valueSpan(raw: string): { offset: number; value: string } {
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === "`") {
    const close = raw.indexOf(quote, 1);
    return { offset: 1, value: close > 0 ? raw.slice(1, close) : raw.slice(1) };
  }
  const comment = raw.search(/[ \t]#/);
  return { offset: 0, value: (comment >= 0 ? raw.slice(0, comment) : raw).trimEnd() };
}

/**
 * True when a dotenv value is empty, a placeholder, a vendor's documented example, or a
 * reference (`${VAR}`, `<key>`, `changeme`). A dotted word is a value here (`db.internal`),
 * not a variable as it would be in code.
 */
export function isEmptyOrPlaceholder(value: string): boolean {
  return value.trim() === "" || isTemplateReference(value) || looksLikePlaceholder(value) || DOCUMENTED_EXAMPLES.has(value) || isEncryptedValue(value);
}

/**
 * In a committed .env, whether a secret-named value is a secret at all: not a number or a boolean
 * (`GITHUB_CLIENT_SECRET=123;`), not a URL (a URL's password is the url-password and database-url
 * rules' call), not words (`supersecret`) or words naming what belongs there (`client-secret`,
 * `test-token-123`), not a PEM
 * block without a key body (the private-key rule judges keys).
 */
function isSharedSecretValue(value: string): boolean {
  if (/^(?:\d+|true|false|yes|no|on|off)[;,]?$/i.test(value) || /^[a-z][\w+.-]*:\/\//i.test(value)) return false;
  // One kind of character only, lowercase letters: a word or words run together, the stock value of a
  // development setup (`password`, `supersecret`, `rootsecretpassword`, `disabled`); a password mixes kinds.
  if (isWordsAboutASecret(value) || /^[a-z]+$/.test(value)) return false;
  if (/^-----BEGIN [A-Z ]+-----/.test(value)) return value.replace(/-----[A-Z ]+-----|\\n|\s/g, "").length >= 64;
  return true;
}

/**
 * `WEBHOOK_SECRET_HEADER=X-Hub-Signature-256`: the name of the header a secret travels in, not the secret. Only
 * a header field's name passes: words of letters joined by hyphens, each a capital first (`X-Api-Token`) or all in
 * lowercase after `x-` (`x-hub-signature-256`), a number last. `AUTH_TOKEN_HEADER=Bearer …` holds the token itself,
 * and so does a random value with hyphens (`Kq3…-Zx8…`) or a passphrase (`correct-horse-battery-staple`).
 */
function isHeaderNameSetting(name: string, value: string): boolean {
  return /_HEADER(?:_NAME)?$/i.test(name) && /^(?:x(?:-[a-z]+)+|[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+)(?:-\d{1,4})?$/.test(value);
}

/**
 * The real values in a .env-style file; with `secretNamesOnly` (a committed `.env`), only those
 * assigned to a secret-looking name, and not a number, a boolean or a URL (a URL's password is
 * the url-password and database-url rules' call).
 */
export function dotenvValues(text: string, secretNamesOnly = false): DotenvValue[] {
  const out: DotenvValue[] = [];
  let offset = 0;
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    const m = ASSIGNMENT.exec(line.replace(/\r$/, ""));
    if (m) {
      const [, lead = "", name = "", eq = "", raw = ""] = m;
      const { offset: inner, value } = valueSpan(raw);
      // dotenvx writes the public half of its key pair beside the encrypted values.
      const counts = !/^DOTENV_PUBLIC_KEY/.test(name) && !isHeaderNameSetting(name, value) && (!secretNamesOnly || (isSecretDotenvName(name) && isSharedSecretValue(value)));
      if (counts && !isEmptyOrPlaceholder(value)) {
        const start = offset + lead.length + name.length + eq.length + inner;
        out.push({ line: lineNo, start, end: start + value.length, name });
      }
    }
    offset += line.length + 1;
  }
  return out;
}
