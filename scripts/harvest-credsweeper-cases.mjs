// Harvests the CredSweeper corpus: Samsung/CredSweeper's sample files (tests/samples/) with the verdicts its
// own tests expect (tests/data/*.json), into the local corpora's external-corpus/credsweeper.json, scored line by line by
// test/unit/scan-credsweeper-corpus.test.ts. Run once by hand when the source moves on; the output is
// committed, this script shows where each case came from and how.
//
//   node scripts/harvest-credsweeper-cases.mjs --credsweeper GITDIR
//
// GITDIR is a clone (bare is fine) of https://github.com/Samsung/CredSweeper (MIT), read at HEAD. What is taken:
//   - every text sample file (UTF-8, no NUL byte; archives, images, office files and other binaries left out), WHOLE,
//     its random runs templated in place (same length and class), its other lines kept as they are;
//   - a SECRET (tp) for each credential CredSweeper's default run reports (tests/data/output.json: its rules, ML
//     validation on), at the lines it names (every line of a PEM block);
//   - a LOOK-ALIKE (fp) for each candidate CredSweeper considers and rejects: reported with ML off
//     (tests/data/no_ml.json) or with its filters and ML off (no_filters_no_ml.json) but not by the default run, at
//     a line the default run does not report;
//   - a LOOK-ALIKE FILE (fp, the whole file) for each sample file where neither the default run nor its depth-3
//     pedantic mode (depth_3_pedantic.json, ML on, which also reads what it decodes and parses) reports a credential:
//     the deliberate negatives (`*_n`, `*_fp`, `false_positive`, encrypted keys, ...). A file with no default finding
//     that the depth mode reports is left out (CredSweeper itself calls it either way). Its documentation mode
//     (doc.json) is not read: it reports the deliberate negatives' placeholders too (`doc_credentials_n`).
// Cases of rules that find what is not a secret by anyone's definition are left out (NOT_A_SECRET: UUIDs, salts,
// nonces, bucket and Firebase domains, app and client ids), counted on stderr and in docs/scan.md.
//
// Disagreement classes (DISAGREEMENTS, disagreementOf): a case whose line (or look-alike file) is of a class where
// CredSweeper's labels and backpack's policy part by design (a login and password pair note, a one-word password, a
// passphrase-encrypted key) is tagged `disagreement`; the test scores every case and, apart, the rest.
//
// Roles, fixed before any miss was read: a sample file is an EVALUATION file (only its scores read, never which of
// its cases are missed) when the first byte of the SHA-256 of its path in the repository (`tests/samples/NAME`) is
// below 128, about half; else a DEVELOPMENT file (its misses and false alarms read and fixed by class). roleOf below;
// the test recomputes it.
//
// Random runs become templates of the same length and class: unbroken runs of 8 letters and digits or more
// (scripts/harvest-external-cases.mjs's templatize; an age identity's bech32 body «Q58»), then, in a token-shaped run
// (12 characters or more of `[A-Za-z0-9_+/=.-]` holding a template or mixing cases and digits), every piece of 4 or
// more between its separators (tokenPieces). Literal are only what a format requires (providers' prefixes,
// CredSweeper's required_substrings), placeholders, words and numbers, and pieces of 1 to 3 characters between a
// token's separators; test/unit/scan-credsweeper-corpus.test.ts checks that no token-shaped run is left outside the
// templates but its named exceptions. A case whose line holds base64 of text is left out (a template cannot keep
// what the run encodes), as the other harvests leave them out.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { externalCorpusFile, PLACEHOLDER, familyOf } from "./gen-external-corpus.mjs";
import { encodedText } from "./harvest-eval-cases.mjs";
import { KEEP, classOf, git, ls, opt, templatize } from "./harvest-external-cases.mjs";
import { mkdirSync, writeFileSync } from "node:fs";

const OUT = externalCorpusFile("credsweeper.json");
export const EVALUATION = "evaluation: only scores read";
export const DEVELOPMENT = "development: misses read and fixed by class";

/** The role of a sample file by the fixed rule: SHA-256 of its path, first byte below 128 evaluation. */
export const roleOf = (path) => (createHash("sha256").update(path).digest()[0] < 128 ? EVALUATION : DEVELOPMENT);

/** CredSweeper's rules that find what is no secret, with why (their cases are left out). */
export const NOT_A_SECRET = {
  UUID: "a UUID: an identifier",
  Salt: "a salt: public by design (stored beside the hash)",
  Nonce: "a nonce: public by design (sent with the message)",
  "Firebase Domain": "a Firebase project's domain: a host name",
  "AWS S3 Bucket": "an S3 bucket's URL: a host name",
  "Tencent WeChat API App ID": "a WeChat app id: an identifier, public",
  "Square Client ID": "a Square application id: public, sent in every OAuth URL",
  IPv4: "an IP address",
  IPv6: "an IP address",
  "Credit Card Number": "a card number: personal data, not a credential",
  Email: "an e-mail address",
};

/**
 * Secrets of CredSweeper's default run set apart as placeholders are (the issue's measure removes placeholders and
 * malformed samples): a value that is not the vendor's format, or a key the vendor publishes by design. Judged on the
 * original value by the vendor's published shape.
 */
export const MALFORMED = [
  { rule: /^PostHog Credentials$/, value: /^phc_/, reason: "a PostHog project API key (phc_): public by design, in every page that loads PostHog's snippet" },
  { rule: /^Anthropic API Key$/, value: /^sk-ant-(?!.*AA$)/, reason: "an Anthropic key that does not end in AA, as every Anthropic key does (a near-miss by the issue's definition)" },
  { rule: /^SendGrid API Key$/, value: /^SG\.(?![\w-]{22}\.[\w-]{43}$)/, reason: "a SendGrid key whose parts are not 22 and 43 characters long" },
];

/**
 * Classes where CredSweeper's labels and backpack's policy part by design, each a rule a reader checks on the case's
 * line (its text as committed, templates and all) or, for a look-alike file, on the file: a case of such a class is
 * tagged `disagreement` and scored apart as well as with the rest (the test reports both). Written from the
 * development files' classes; applied to every file alike (disagreementOf; the test recomputes it).
 */
export const DISAGREEMENTS = [
  {
    tag: "pair-note",
    reason:
      "a note giving a login and its password together after a label naming both (`ID/PW: user/pass`, `user/pwd:`, `ID&PWD`, `(ID/PW):`): CredSweeper's ML rejects most of these lines and accepts some of the same shape; backpack reports the password in each",
    // The label: an account's word (`ID`, `ANYID`, `user`, `username`, Korean `아이디`, `계정`) and a password's word,
    // joined by `/`, `&`, `:`, `(` or a blank, then `:` or `=`; the value: a login, then `/`, `:`, `(` or `,`, then more.
    line: /(?:[A-Za-z]{0,8}(?:ID|id|Id)|user(?:name)?|User(?:name)?|아이디|계정)[ \t]?[/&:( ][ \t]?(?:PW|PWD|pw|pwd|[Pp]ass(?:w(?:or)?d|wd)?|PASS(?:WORD)?)(?:-\w{1,10}|\/\w{1,10})?\)?[ \t]?[:=][ \t]?[^\s/:(,]{1,40}[ \t]?[/:(,][ \t]?\S/,
  },
  {
    tag: "word-password",
    reason:
      "a password that is one word of letters, a `!` at most after it (`cackle!`): CredSweeper labels the same value a secret in one file and a look-alike in another; backpack passes a lone word under a password's name (8 characters and two kinds at least) and reports it compared with a secret",
    line: /(?:[Pp]ass|PASS|[Pp]wd|PWD|[Pp]w|PW|[Ss]ecret|SECRET)[^\n]{0,40}?(?:==?|:|>)[ \t]{0,4}["']?(?![Pp]ass|[Ss]ecret|[Tt]oken)[A-Za-z][a-z]{3,11}!?["'<]/,
  },
  {
    tag: "encrypted-key",
    reason: "a private key encrypted with a passphrase (`BEGIN ENCRYPTED PRIVATE KEY`, `Proc-Type: 4,ENCRYPTED`): CredSweeper calls the file clean; backpack reports the key (a weak passphrase opens it offline; Kingfisher's tests count one a secret)",
    file: /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type: 4,ENCRYPTED$/m,
  },
];

/** The disagreement class of a case: its line's text (or, for a look-alike file, line 0, the file's text) by DISAGREEMENTS. */
export function disagreementOf(text, line) {
  const at = line === 0 ? text : (text.split("\n")[line - 1] ?? "");
  return DISAGREEMENTS.find((d) => (line === 0 ? d.file : d.line)?.test(at))?.tag;
}

// CredSweeper's rule names by our families (familyOf merges the aliases); a rule not listed is its own family.
const FAMILY = [
  [/PEM Private Key|Private Key$/, "privatekey"],
  [/^(?:Password|SQL Password|CMD Password|Token|Key|Secret|Auth|Credential|API|CMD Token|CMD Secret|CMD ConvertTo-SecureString|Bearer Authorization)$/, "generic"],
  [/^(?:URL Credentials|Basic Authorization)$/, "basicauth"],
  [/^CURL/, "curl"],
  [/^AWS (?:Client ID|Multi)$/, "aws"],
  [/^AWS MWS/, "amazonmws"],
  [/^AWS AppSync/, "awsappsync"],
  [/^Amazon Bedrock/, "awsbedrock"],
  [/^JSON Web Token$/, "jwt"],
  [/^(?:JWK|JSON Web Key)$/, "jwk"],
  [/^Gitlab/, "gitlab"],
  [/^Github/, "github"],
  [/^Slack/, "slack"],
  [/^Stripe/, "stripe"],
  [/^Google (?:API Key|Multi)$/, "gcp"],
  [/^Google OAuth/, "googleoauth2"],
  [/^Docker Access Token$/, "docker"],
  [/^Docker Swarm/, "dockerswarm"],
  [/^(?:Atlassian PAT token|Jira \/ Confluence PAT token)$/, "atlassian"],
  [/^Hashicorp/, "hashicorp"],
  [/^Dropbox/, "dropbox"],
  [/^SonarQube/, "sonar"],
  [/^Hugging Face/, "huggingface"],
  [/^OpenAI/, "openai"],
  [/^Anthropic/, "anthropic"],
  [/^Age Secret Key$/, "age"],
  [/^X App-Only|^Twitter/, "twitter"],
  [/^X AI/, "xai"],
  [/^Digital Ocean/, "digitalocean"],
  [/^Grafana/, "grafana"],
  [/^Bitbucket/, "bitbucket"],
  [/^Sentry/, "sentry"],
  [/^Square/, "square"],
  [/^Facebook|^Instagram/, "facebook"],
  [/^Azure/, "azure"],
  [/^Alibaba/, "alibaba"],
  [/^Discord/, "discord"],
  [/^Telegram/, "telegram"],
  [/^MailGun/i, "mailgun"],
  [/^MailChimp/i, "mailchimp"],
  [/^PayPal/, "paypal"],
  [/^NewRelic/, "newrelic"],
  [/^NKEY/, "nats"],
  [/^NuGet/, "nuget"],
  [/^PyPi/, "pypi"],
  [/^NPM/, "npm"],
  [/^1Password/, "1password"],
  [/^Brevo/, "sendinblue"],
];
/** Our family for a CredSweeper rule name. */
export const familyOfRule = (rule) => familyOf(FAMILY.find(([re]) => re.test(rule))?.[1] ?? rule.replace(/ (?:Credentials|API Key|API Token|Token|Key|Secret|Access Token|Deploy Token|Integration Token|Personal Access Token|Organization Auth Token|User Auth Token)$/, ""));

// Providers' prefixes stay literal (as the SAST harvest keeps them), and the camelCase names of a program's structure.
// The base64 markers some vendors' tokens start with (PyPI's macaroon `AgEIcHlwaS5vcmc`, Grafana's API key `eyJrIjoi`).
const PREFIXES = ["AgEIcHlwaS5vcmc", "AgENdGVzdC5weXBpLm9yZw", "eyJrIjoi", "AIza", "eyJ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "xapp", "sk_live_", "rk_live_", "whsec_", "npm_", "SG.", "amzn", "access_token"];
const names = (text) =>
  (text.match(/(?<![A-Za-z0-9])[a-z]{2,}(?:[A-Z][a-z]{1,}|[A-Z]{2,}(?![a-z])){1,4}(?![A-Za-z0-9])/g) ?? []).filter((n) =>
    // Every part a word (a vowel) or an acronym: `myDBPassword` is a name, `glvwjlEQ` no name.
    n.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).every((part) => /^[A-Z]+$/.test(part) || /[aeiouy]/i.test(part)),
  );
const BECH32 = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/i;
/**
 * The literal substrings CredSweeper's own rules require (credsweeper/rules/config.yaml's `required_substrings`: a
 * vendor's prefix such as `ATBB`, `pypi-`, `:AA`, a base64 marker such as `QUklWQVRFIEtFWS0t`), 3 characters or more
 * and not a lowercase word (`key`, `pass`: kept anywhere, in any case, they would split random runs into words):
 * kept literal in templates, so that a template keeps what made CredSweeper's rule consider the line.
 */
function requiredSubstrings(dir) {
  const r = spawnSync("python3", ["-c", "import json,sys,yaml; print(json.dumps([s for r in yaml.safe_load(sys.stdin.read()) for s in r.get('required_substrings', [])]))"], {
    input: git(dir, "show", "HEAD:credsweeper/rules/config.yaml"),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`python3: ${r.stderr}`);
  return [...new Set(JSON.parse(r.stdout))].filter((s) => s.length >= 3 && /^[\x20-\x7e]+$/.test(s) && !/^[a-z]+$/.test(s));
}
/**
 * The template of a sample file: its random runs «classN», an age identity's bech32 body «QN», a hex number's digits
 * after its `0x` «hN» (a number literal stays one), an Anthropic key's closing `AA` and a Telegram bot token's `AA` after
 * its bot id literal (the formats' fixed letters), a URL's percent escapes (`%3D`) apart from the run after them.
 */
function template(text, keep) {
  const kept = [];
  const hold = (s) => `«keep${kept.push(s) - 1}»`;
  const masked = text
    .replace(/AGE-SECRET-KEY-1([0-9A-Z]{50,70})(?![0-9A-Za-z])/g, (all, body) => (BECH32.test(body) ? `AGE-SECRET-KEY-1${hold(`«Q${body.length}»`)}` : all))
    .replace(/(?<![A-Za-z0-9])0x([0-9a-fA-F]{8,})(?![A-Za-z0-9])/g, (_, hex) => `0x${hold(`«${/[A-F]/.test(hex) && !/[a-f]/.test(hex) ? "H" : "h"}${hex.length}»`)}`)
    .replace(/(sk-ant-(?:api|admin)\d\d-[\w-]{60,120}?)AA(?![\w-])/g, (_, head) => `${head}${hold("AA")}`)
    .replace(/(?<![\w-])(\d{8,10}):AA(?=[\w-]{33})/g, (_, id) => `${id}:${hold("AA")}`)
    // A URL's percent escape (`%3D` before a value, `%26token`) is punctuation: the run after it starts after it.
    .replace(/%[0-9A-Fa-f]{2}(?=[A-Za-z0-9])/g, (escape) => hold(escape));
  const words = [...PREFIXES, ...keep, ...names(text)];
  return tokenPieces(templatize(masked, words), words).replace(/«keep(\d+)»/g, (_, i) => kept[Number(i)]);
}

// A token's characters: letters, digits and the separators tokens hold (base64's `+/=`, `_-.`); a template stands
// for its characters.
const TOKEN_RUN = /(?:«[^»]*»|[A-Za-z0-9_+/=.-])+/g;
/**
 * A piece of letters and digits that reads as a word, a name or a number, kept in a token-shaped run: a word or a
 * camelCase name whose every part holds a vowel (`println`, `branch`, `childLayout`), an acronym of 5 capitals at most
 * (`PSWD`), such a word with a number before or after it (`api03`, `mldsa87`, `45PASSWORD`), a number, a date's `10T09`, one
 * character repeated. Random pieces mix cases or digits into letters (`DvMB`, `uqIyn8k`) or hold no vowel (`hfsv`).
 */
export function wordOrNumber(piece) {
  if (/^\d+$|^\d\dT\d\d$|^(.)\1+$/.test(piece)) return true;
  // A number after a word (`api03`), or before a word of 4 letters or more (`45PASSWORD`): one of the two.
  const letters = /^[A-Za-z]{2,}\d{1,4}$/.test(piece) ? piece.replace(/\d+$/, "") : /^\d{1,4}[A-Za-z]{4,}$/.test(piece) ? piece.replace(/^\d+/, "") : piece;
  if (!/^[A-Za-z]+$/.test(letters)) return false;
  if (/^[A-Z]{1,5}$/.test(letters)) return true;
  const parts = letters.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.every((part) => /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/.test(part) && (parts.length === 1 || part.length >= 2) && (/[aeiouy]/i.test(part) || (parts.length === 1 && /^[A-Z]{2,5}$/.test(part))));
}
/**
 * The second pass over a template. templatize replaces unbroken runs of 8 letters and digits, so a token's shorter
 * pieces between its separators (a GitLab runner token's after `glrt-`, a New Relic key's after `NRII-`, a PEM body's
 * between `/` and `+`, a password whose pieces `_` separates) would stay literal. In a token-shaped run (12 characters or
 * more of a token's characters, holding a template already or mixing lower case, upper case and digits) every piece
 * of 4 letters and digits or more becomes a template of its class, but the kept words (providers' prefixes,
 * CredSweeper's required substrings, placeholders), words and numbers (wordOrNumber), a name before `=` and a
 * vendor's prefix (the run's leading pieces of one case before `_` or `-`: `shpat_`, `dckr_pat_`). A run of words (a
 * path, a name, prose) has no other piece and stays as it is.
 */
export function tokenPieces(text, words) {
  const keepRe = new RegExp(`${words.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")}|${KEEP.source}`, "gi");
  const expandedLength = (run) => run.replace(/«[^»]*»/g, "").length + [...run.matchAll(/«[A-Za-z2](\d+)»/g)].reduce((n, m) => n + Number(m[1]), 0);
  const tokenShaped = (run) => {
    const literal = run.replace(/«[^»]*»/g, " ");
    const length = expandedLength(run);
    const templated = /«[A-Za-z2]\d+»/.test(run);
    const mixed = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(literal)).length >= 2;
    return length >= 12 && (templated || mixed);
  };
  const value = (run) => {
    // A base64 body (a PEM line's, a key's between `/` and `+`): no word in it is one, every piece is templated.
    const literal = run.replace(/«[^»]*»/g, "");
    const base64 = /«[A-Za-z2]\d+»/.test(run) && /^[A-Za-z0-9+/=]+$/.test(literal) && (literal.includes("+") || expandedLength(run) >= 40);
    const prefix = base64 ? "" : (/^(?:(?:[a-z]{2,8}|[A-Z]{2,8})\d{0,2}[_-]){1,3}/.exec(run)?.[0] ?? "");
    return prefix + run.slice(prefix.length).replace(/«[^»]*»|[^«]+/g, (segment) => {
      if (segment.startsWith("«")) return segment;
      // The kept words' places in this literal stretch (a prefix may span a separator: `sk-ant-api03-`, `NRII-`).
      const kept = new Array(segment.length).fill(false);
      for (const m of segment.matchAll(keepRe)) for (let i = m.index; i < m.index + m[0].length; i++) kept[i] = true;
      return segment.replace(/[A-Za-z0-9]+/g, (piece, at) => {
        // Split the piece where kept words start and end; template each other part of 4 or more that is no word.
        let out = "";
        for (let i = 0, j = 0; i < piece.length; i = j) {
          while (j < piece.length && kept[at + j] === kept[at + i]) j++;
          const part = piece.slice(i, j);
          out += kept[at + i] || part.length < 4 || (base64 ? /^(.)\1+$/.test(part) : wordOrNumber(part)) ? part : `«${classOf(part)}${part.length}»`;
        }
        return out;
      });
    });
  };
  // A name before `=` (`X3_PSWD=`, `X-Amz-Date=`) is no token; base64's closing `=` is not followed by a token's character.
  // The run is judged whole (a password after `password=`), its value alone templated.
  return text.replace(TOKEN_RUN, (run) => {
    if (!tokenShaped(run)) return run;
    return run.split(/(=+(?=[^=]))/).map((part, i, all) => (i % 2 || i < all.length - 1 ? part : value(part))).join("");
  });
}

const isText = (buf) => !buf.includes(0) && Buffer.from(buf.toString("utf8"), "utf8").equals(buf);

function harvest(dir) {
  const expected = (name) => JSON.parse(git(dir, "show", `HEAD:tests/data/${name}.json`));
  const [output, noMl, noFilters, depth] = ["output", "no_ml", "no_filters_no_ml", "depth_3_pedantic"].map(expected);
  const stats = { files: 0, binary: 0, tp: 0, fp: 0, fpFiles: 0, notSecret: 0, encoded: 0, lineMoved: 0, otherModes: 0, placeholders: 0, malformed: 0 };
  const notSecretByRule = {};
  /** A run's findings by sample path: [{ rule, lines: [{ num, line, value }] }]. */
  const byPath = (run) => {
    const m = new Map();
    for (const f of run) {
      const path = f.line_data_list[0].path.replace(/^\.\//, "");
      const list = m.get(path) ?? [];
      list.push({ rule: f.rule, lines: f.line_data_list.filter((d) => d.path === f.line_data_list[0].path).map((d) => ({ num: d.line_num, line: d.line, value: d.value })) });
      m.set(path, list);
    }
    return m;
  };
  const [pos, cand1, cand2, depthRun] = [output, noMl, noFilters, depth].map(byPath);
  const files = [];
  const required = requiredSubstrings(dir);
  for (const path of ls(dir, "tests/samples")) {
    const raw = spawnSync("git", ["-C", dir, "show", `HEAD:${path}`], { maxBuffer: 64 * 1024 * 1024 }).stdout;
    if (!isText(raw) || /[«»]/.test(raw.toString("utf8"))) {
      stats.binary++;
      continue;
    }
    const original = raw.toString("utf8").replace(/\r\n/g, "\n");
    const lines = original.split("\n");
    // A finding's line numbers as they are in the file (a patch's or a JSON log's are the decoded text's: found
    // again by the line's text when it is in the file once, else the finding is left out).
    const place = (d) => {
      if (lines[d.num - 1]?.trim() === d.line.trim()) return d.num;
      const at = lines.map((l, i) => (l.trim() === d.line.trim() ? i + 1 : 0)).filter(Boolean);
      if (at.length === 1) return at[0];
      // An XML element's or a structure's line is CredSweeper's own rendering: the value's line, when it is once in the file.
      const holding = d.value && d.value.length >= 6 ? lines.map((l, i) => (l.includes(d.value) ? i + 1 : 0)).filter(Boolean) : [];
      return holding.length === 1 ? holding[0] : 0;
    };
    const locate = (f) => {
      const nums = f.lines.map(place);
      if (nums.some((n) => !n)) return void stats.lineMoved++;
      return { rule: f.rule, nums, values: f.lines.map((d) => d.value ?? "") };
    };
    const secretRules = (run) => (run.get(path) ?? []).filter((f) => !(f.rule in NOT_A_SECRET));
    const keep = (f) => {
      if (f.rule in NOT_A_SECRET) {
        notSecretByRule[f.rule] = (notSecretByRule[f.rule] ?? 0) + 1;
        stats.notSecret++;
        return false;
      }
      return true;
    };
    const positives = (pos.get(path) ?? []).filter(keep).map(locate).filter(Boolean);
    const leftOut = (pos.get(path) ?? []).filter((f) => f.rule in NOT_A_SECRET).map(locate).filter(Boolean);
    const taken = new Set([...positives, ...leftOut].flatMap((f) => f.nums));
    const seenCand = new Set();
    const candidates = [...(cand1.get(path) ?? []), ...(cand2.get(path) ?? [])]
      .filter((f) => !(f.rule in NOT_A_SECRET))
      .map(locate)
      .filter((f) => f && !f.nums.some((n) => taken.has(n)))
      .filter((f) => !seenCand.has(`${f.rule}\0${f.nums.join()}`) && seenCand.add(`${f.rule}\0${f.nums.join()}`));
    const text = template(original, required);
    const tlines = text.split("\n");
    if (tlines.length !== lines.length) throw new Error(`${path}: the template moved lines`);
    const cases = [];
    // One case per first line and label: the rules that report it, the most specific family.
    const add = (label, found) => {
      const byLine = new Map();
      for (const f of found) {
        const c = byLine.get(f.nums[0]) ?? { line: f.nums[0], lines: [], label, rules: [], values: [] };
        c.lines = [...new Set([...c.lines, ...f.nums])].sort((a, b) => a - b);
        c.rules.push(f.rule);
        c.values.push(...f.values);
        byLine.set(f.nums[0], c);
      }
      for (const c of byLine.values()) {
        // base64 of text on the case's lines: its meaning is in what it encodes, which the template loses.
        if (c.lines.some((n) => encodedText(lines[n - 1]).length)) {
          stats.encoded++;
          continue;
        }
        const families = [...new Set(c.rules.map(familyOfRule))];
        const family = families.find((f) => f !== "generic") ?? "generic";
        const malformed = label === "tp" ? MALFORMED.find((m) => c.rules.some((r) => m.rule.test(r)) && c.values.some((v) => m.value.test(v))) : undefined;
        if (malformed) stats.malformed++;
        const placeholder = (label === "tp" && c.values.some((v) => PLACEHOLDER.test(v))) || malformed ? true : undefined;
        if (placeholder) stats.placeholders += malformed ? 0 : 1;
        stats[label]++;
        const disagreement = disagreementOf(text, c.line);
        cases.push({ line: c.line, ...(c.lines.length > 1 ? { lines: c.lines } : {}), label, family, rule: [...new Set(c.rules)].join(" + "), ...(placeholder ? { placeholder } : {}), ...(disagreement ? { disagreement } : {}) });
      }
    };
    if (positives.length) {
      add("tp", positives);
      add("fp", candidates);
    } else if (secretRules(pos).length) {
      // The default run reports a credential whose line is not in the file as it is: no case from this file.
      continue;
    } else if (secretRules(depthRun).length) {
      // CredSweeper's depth mode (ML on) reports a credential here, in what it decodes or parses: no clean negative.
      stats.otherModes++;
      continue;
    } else if (encodedText(original).length) {
      stats.encoded++;
      continue;
    } else {
      const families = [...new Set(candidates.map((f) => familyOfRule(f.rule)))];
      const disagreement = disagreementOf(text, 0);
      cases.push({ line: 0, label: "fp", family: families.find((f) => f !== "generic") ?? "generic", rule: candidates.length ? `whole file (${[...new Set(candidates.map((f) => f.rule))].join(" + ")} rejected)` : "whole file (no candidate)", ...(disagreement ? { disagreement } : {}) });
      stats.fpFiles++;
    }
    if (!cases.length) continue;
    stats.files++;
    files.push({ path, role: roleOf(path), text, cases: cases.sort((a, b) => a.line - b.line) });
  }
  console.error(
    `credsweeper: ${stats.files} files, ${stats.tp} secrets, ${stats.fp} rejected candidates, ${stats.fpFiles} look-alike files; ${stats.binary} binary files left out, ` +
      `${stats.otherModes} files with no default finding that another mode reports left out, ${stats.notSecret} findings of rules that find no secret left out (${JSON.stringify(notSecretByRule)}), ` +
      `${stats.encoded} cases holding base64 of text left out, ${stats.lineMoved} findings whose line is not in the file left out, ${stats.placeholders} secrets whose value is a placeholder and ${stats.malformed} malformed samples (set apart)`,
  );
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = opt("credsweeper");
  if (!dir) {
    console.error("usage: node scripts/harvest-credsweeper-cases.mjs --credsweeper GITDIR");
    process.exit(2);
  }
  const files = harvest(dir);
  const source = { repo: "Samsung/CredSweeper", license: "MIT", commit: git(dir, "rev-parse", "HEAD").trim() };
  const roles = files.reduce((m, f) => ((m[f.role] = (m[f.role] ?? 0) + f.cases.length), m), {});
  console.error(`roles: ${JSON.stringify(roles)}`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `{"source": ${JSON.stringify(source)},\n"files": [\n${files.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`);
  console.error(`${files.length} files -> ${OUT}`);
}
