import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { globToRegExp, markerOn, pathMatcher, baselineKey } from "../../src/scan/allow.js";
import { addedLines, decodeText } from "../../src/scan/blob.js";
import { dotenvKind, dotenvValues, isSecretDotenvName } from "../../src/scan/dotenv.js";
import { prepareKnownSecrets } from "../../src/scan/known-secrets.js";
import { embeddedCredentialValues, lockFormOf } from "../../src/scan/lock-form.js";
import { renderBaseline } from "../../src/scan/baseline.js";
import { findingLines, hookLines, reportJson } from "../../src/scan/report.js";
import { RULES, type PatternRule } from "../../src/scan/rules.js";
import { fingerprintOf, maskSecret, ruleMatches, scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { assertNoSecrets, assertSameData } from "../helpers/secrets.js";

const OPENAI = expandFake("sk-proj-«u74»T3BlbkFJ«u74»", "scanner-openai");
const GITHUB = expandFake("ghp_«A36»", "scanner-github");
const VAULT_VALUE = expandFake("«A12»-«A12»", "scanner-vault");

describe("findings", () => {
  it("give file, line, column, rule, a masked preview, a fingerprint and a name, never the secret", () => {
    const text = `import os\n\nOPENAI_API_KEY = "${OPENAI}"\n`;
    const [f, ...rest] = scanText({ path: "app/settings.py", text });
    expect(rest).toEqual([]);
    expect(f).toEqual({
      file: "app/settings.py",
      line: 3,
      column: 19,
      rule: "openai-api-key",
      preview: `sk-p…(${OPENAI.length} chars)`,
      fingerprint: fingerprintOf(OPENAI),
      name: "OPENAI_API_KEY",
    });
    assertNoSecrets([JSON.stringify(f)], [OPENAI.slice(0, 8)]);
  });

  it("suggest the name the line assigns, in environment-variable form", () => {
    expect(scanText({ path: "a.js", text: `const githubToken = "${GITHUB}";` })[0]?.name).toBe("GITHUB_TOKEN");
    expect(scanText({ path: "a.txt", text: `see ${GITHUB}` })[0]?.name).toBe("GITHUB_TOKEN");
  });

  it("mask short values harder than long ones, and never print control characters", () => {
    expect(maskSecret("abcdefghijklmnopqrstuvwxyz")).toBe("abcd…(26 chars)");
    expect(maskSecret("abcdefghij")).toBe("ab…(10 chars)");
    expect(maskSecret("abc")).toBe("…(3 chars)");
    expect(maskSecret("\u001b[31mxxxxxxxxxxxxxxxxxx")).toBe("?[31…(23 chars)");
  });

  it("are the same in a large text, where keywords are found in one pass", () => {
    const anthropic = expandFake("sk-ant-api03-«u93»AA", "scanner-anthropic");
    const filler = "const value = compute(input, options); // ordinary code\n".repeat(3000);
    const body = `A = "${anthropic}"\n${filler}B = "${GITHUB}"\n${filler}C = "${OPENAI}"\n`;
    expect(body.length).toBeGreaterThan(64 * 1024);
    const large = scanText({ path: "big.py", text: body }).map((f) => f.rule);
    expect(large).toEqual(["anthropic-api-key", "github-token", "openai-api-key"]);
  });

  it("find a token a terminal printed in colour (a committed log), at its own line and column", () => {
    const token = expandFake("sq0csp-«u43»", "scanner-colour");
    const text = `build started\n20241204_112356 step: "\u001b[94m${token}\u001b[0m";\n`;
    const findings = scanText({ path: "ci.log", text });
    expect(findings.map((f) => [f.line, f.column, f.rule])).toEqual([[2, (text.split("\n")[1] ?? "").indexOf("sq0csp-") + 1, "square-token"]]);
    assertNoSecrets([JSON.stringify(findings)], [token]);
    // A colour code alone is no token, and a text without one is scanned as it is.
    expect(scanText({ path: "ci.log", text: "\u001b[94mINFO\u001b[0m ready\n" })).toEqual([]);
  });

  it("read a value quoted with character references in an HTML attribute (&quot;), at its own line and column", () => {
    const token = expandFake("«A12»7Kq«A6»", "scanner-entity");
    const text = `<p>login</p>\n<a href="http://example.com?token=&quot;${token}&quot;">Request</a>\n`;
    const findings = scanText({ path: "page.html", text });
    expect(findings.map((f) => [f.line, f.column, f.rule])).toEqual([[2, (text.split("\n")[1] ?? "").indexOf(token) + 1, "generic-secret"]]);
    assertNoSecrets([JSON.stringify(findings)], [token]);
    // Only markup is read so (code holds `&` often); a quoted word, a reference and a page without one are what they were.
    expect(scanText({ path: "page.py", text })).toEqual([]);
    expect(scanText({ path: "page.html", text: '<input placeholder="password: &quot;at least 12 characters&quot;">\n<a href="?token=&quot;${TOKEN}&quot;">x</a>\n' })).toEqual([]);
  });

  it("pass uuencoded data, whatever a rule reads in it, and still find a secret beside it", () => {
    // Two full uuencoded lines (an e-mail's attachment); the first holds `PW:` and what follows it.
    const data = ["M[@%]PW:2Z.Q?2M^S;`4G?E0C.@V&?0KY]]\"H3Y@6$#I4V*R^\"+B,2P6`A)UL", "M>1D!ZT;JA?AD9%I_+YD/,6X7/D-LCAWT\\/Y<+1-JL*\"1UX/I731CLB<\\Q=CZ"];
    expect(data.map((l) => l.length)).toEqual([61, 61]);
    expect(scanText({ path: "mail.txt", text: `begin 644 a.bin\n${data.join("\n")}\nend\n` })).toEqual([]);
    // The same line alone is no uuencoded block: judged as any line is.
    expect(scanText({ path: "mail.txt", text: `${data[0]}\n` }).length).toBe(1);
    const password = expandFake("«A16»", "scanner-uue");
    expect(scanText({ path: "mail.txt", text: `${data.join("\n")}\nSMTP_PASSWORD=${password}\n` }).map((f) => f.line)).toEqual([3]);
  });

  it("keep one finding where rules overlap: the more specific rule wins", () => {
    const findings = scanText({ path: "a.py", text: `api_key = "${GITHUB}"` });
    expect(findings.map((f) => f.rule)).toEqual(["github-token"]);
  });

  it("never contain the secret, whatever surrounds it (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.constantFrom(OPENAI, GITHUB), (before, after, secret) => {
        const text = `${before}\nTOKEN = "${secret}"\n${after}`;
        const out = JSON.stringify(scanText({ path: "x.py", text }, { known: prepareKnownSecrets([secret]) }));
        return !out.includes(secret.slice(4, 14));
      }),
    );
  });
});

describe("placeholders and documented examples", () => {
  const values = [
    "«doc:aws-access-key-id»",
    "«doc:aws-secret-access-key»",
    "«doc:jwt-io»",
    "«doc:stripe-docs-test-key»",
    "«doc:github-docs-token»",
    // The Firebase SDK reference's "example value" for apiKey, and its shorter copy in tutorials.
    "«doc:google-firebase-docs-example-value»",
    "«doc:google-firebase-docs-example-value-short»",
    // reCAPTCHA's test keys, which Google publishes for automated tests (every verification passes).
    "«doc:google-recaptcha-test-site-key»",
    "«doc:google-recaptcha-test-secret-key»",
    "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "sk-...",
    "${OPENAI_API_KEY}",
    "$OPENAI_API_KEY",
    "<your-key-here>",
    "YOUR_API_KEY_HERE",
    "{{ .Values.apiKey }}",
    "%(api_key)s",
    "changeme",
    "REPLACE_ME",
    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "********************",
  ].map((v) => expandFake(v));
  const shapes: Array<[string, (v: string) => string]> = [
    ["a.py", (v) => `API_KEY = "${v}"`],
    ["a.ts", (v) => `const apiKey = '${v}';`],
    ["a.yaml", (v) => `api_key: ${v}`],
    ["a.json", (v) => `{"secret_token": "${v}"}`],
    ["a.sh", (v) => `export CLIENT_SECRET=${v}`],
    [".env", (v) => `API_KEY=${v}`],
  ];

  it("never trigger, in any file type", () => {
    const found = values.flatMap((v) => shapes.flatMap(([file, shape]) => scanText({ path: file, text: `${shape(v)}\n` }).map((f) => `${file}: ${f.rule} (${f.preview})`)));
    expect(found).toEqual([]);
  });

  it("include references to the environment in code", () => {
    const code = [
      'api_key = os.environ["OPENAI_API_KEY"]',
      'token = os.getenv("GITHUB_TOKEN")',
      "const key = process.env.OPENAI_API_KEY;",
      'String secret = System.getenv("CLIENT_SECRET");',
      'password = ENV["DB_PASSWORD"]',
      "token: ${{ secrets.GITHUB_TOKEN }}",
    ].join("\n");
    expect(scanText({ path: "a.py", text: code })).toEqual([]);
    expect(scanText({ path: "ci.yml", text: code })).toEqual([]);
  });
});

describe("known secrets", () => {
  const known = prepareKnownSecrets([VAULT_VALUE]);

  it("are found as is, in base64 at any offset (an HTTP Basic header), URL-encoded and JSON-escaped", () => {
    const basic = Buffer.from(`deploy:${VAULT_VALUE}`).toString("base64");
    const special = `${VAULT_VALUE}/+ &"x`;
    const knownSpecial = prepareKnownSecrets([special]);
    expect(scanText({ path: "a.txt", text: `value ${VAULT_VALUE}` }, { known })[0]?.rule).toBe("known-secret");
    expect(scanText({ path: "a.txt", text: `Authorization: Basic ${basic}` }, { known }).map((f) => f.rule)).toContain("known-secret");
    for (const shift of ["", "a", "ab"]) {
      const embedded = Buffer.from(`${shift}${VAULT_VALUE}tail`).toString("base64url");
      expect(scanText({ path: "a.txt", text: `blob=${embedded}` }, { known }).map((f) => f.rule), `shift ${shift.length}`).toContain("known-secret");
    }
    expect(scanText({ path: "a.txt", text: `url=https://x.example/?k=${encodeURIComponent(special)}` }, { known: knownSpecial })[0]?.rule).toBe("known-secret");
    expect(scanText({ path: "a.json", text: JSON.stringify({ v: special }) }, { known: knownSpecial })[0]?.rule).toBe("known-secret");
  });

  it("have the fingerprint of the value, whatever the encoding it was found in", () => {
    const b64 = Buffer.from(VAULT_VALUE).toString("base64");
    const [plain] = scanText({ path: "a.txt", text: VAULT_VALUE }, { known });
    const [encoded] = scanText({ path: "a.txt", text: b64 }, { known });
    expect(encoded?.fingerprint).toBe(plain?.fingerprint);
  });

  it("ignore values too short to be told from chance, and placeholders", () => {
    expect(prepareKnownSecrets(["short", "1234567", "changeme", "xxxxxxxxxxxx", "abcdefgh"]).needles).toEqual([]);
    expect(scanText({ path: "a.txt", text: "short 1234567" }, { known: prepareKnownSecrets(["short"]) })).toEqual([]);
  });

  it("win over the rule that matched the same text", () => {
    const findings = scanText({ path: "a.py", text: `TOKEN = "${GITHUB}"` }, { known: prepareKnownSecrets([GITHUB]) });
    expect(findings.map((f) => f.rule)).toEqual(["known-secret"]);
  });
});

describe("added lines", () => {
  it("are the lines the old version did not have", () => {
    expect([...addedLines("a\nb\nc\n", "a\nx\nb\nc\ny\n")]).toEqual([2, 5]);
    expect([...addedLines("a\nb\n", "b\na\n")]).toEqual([]);
  });

  it("decide which findings count", () => {
    const text = `A = 1\nOLD = "${GITHUB}"\nNEW = "${OPENAI}"\n`;
    expect(scanText({ path: "a.py", text, lines: new Set([3]) }).map((f) => f.rule)).toEqual(["openai-api-key"]);
    expect(scanText({ path: "a.py", text, lines: new Set([1]) })).toEqual([]);
  });

  it("count a multi-line secret when any of its lines is added", () => {
    const pem = expandFake("«pem:RSA PRIVATE KEY»", "scanner-pem");
    expect(scanText({ path: "k.pem", text: pem, lines: new Set([5]) }).map((f) => f.rule)).toEqual(["private-key"]);
  });
});

describe("binary content", () => {
  it("is recognised by a NUL byte near the start", () => {
    expect(decodeText(Buffer.from([0x50, 0x4b, 0x00, 0x03]))).toBeUndefined();
    expect(decodeText(Buffer.from("plain text"))).toBe("plain text");
  });
});

describe("allow-listing", () => {
  const line = `TOKEN = "${GITHUB}"`;

  it("honours an inline marker for every rule, or only the rules it names", () => {
    expect(scanText({ path: "a.py", text: `${line}  # backpack:allow` })).toEqual([]);
    expect(scanText({ path: "a.py", text: `${line}  # backpack:allow github-token` })).toEqual([]);
    expect(scanText({ path: "a.py", text: `${line}  # backpack:allow jwt` }).map((f) => f.rule)).toEqual(["github-token"]);
    expect(scanText({ path: "a.py", text: `${line}  # backpack:allow test fixture, not real` })).toEqual([]);
    expect(scanText({ path: "a.py", text: `# backpack:allow-next-line\n${line}` })).toEqual([]);
    expect(scanText({ path: "a.py", text: `# backpack:allow\n${line}` }).map((f) => f.rule)).toEqual(["github-token"]);
  });

  it("parses markers strictly", () => {
    const ids = new Set(["jwt", "github-token"]);
    expect(markerOn("x # backpack:allow", ids)).toBe("all");
    expect(markerOn("x // backpack:allow jwt, github-token", ids)).toEqual(["jwt", "github-token"]);
    expect(markerOn("x backpack:allowed", ids)).toBeUndefined();
    expect(markerOn("x backpack:allow-next-line jwt", ids, true)).toEqual(["jwt"]);
    expect(markerOn("x backpack:allow-next-line jwt", ids)).toBeUndefined();
  });

  it("skips paths, rules and fingerprints from the config, and baselined findings", () => {
    const allow = (over: object) => ({ paths: [], rules: [], fingerprints: [], ...over });
    expect(scanText({ path: "test/fixtures/a.py", text: line }, { allow: allow({ paths: ["test/fixtures/**"] }) })).toEqual([]);
    expect(scanText({ path: "src/a.py", text: line }, { allow: allow({ paths: ["test/fixtures/**"] }) })).toHaveLength(1);
    expect(scanText({ path: "a.py", text: line }, { allow: allow({ rules: ["github-token"] }) })).toEqual([]);
    expect(scanText({ path: "a.py", text: line }, { allow: allow({ fingerprints: [fingerprintOf(GITHUB)] }) })).toEqual([]);
    const baseline = new Set([baselineKey("a.py", fingerprintOf(GITHUB))]);
    expect(scanText({ path: "a.py", text: line }, { allow: allow({ baseline }) })).toEqual([]);
    expect(scanText({ path: "b.py", text: line }, { allow: allow({ baseline }) })).toHaveLength(1);
  });

  it("matches globs like .gitignore does", () => {
    const m = pathMatcher(["test/corpus/**", "*.pem", "fixtures/", "docs/*.md"]);
    expect(m("test/corpus/secret/001-a.py")).toBe(true);
    expect(m("src/test/corpus/a.py")).toBe(false);
    expect(m("deep/dir/key.pem")).toBe(true);
    expect(m("fixtures/a/b.json")).toBe(true);
    expect(m("docs/scan.md")).toBe(true);
    expect(m("docs/deep/scan.md")).toBe(false);
    expect(globToRegExp("a?c").test("abc")).toBe(true);
    expect(globToRegExp("a?c").test("a/c")).toBe(false);
  });
});

describe(".env files", () => {
  it("are told apart from templates by name", () => {
    expect(dotenvKind(".env")).toBe("shared");
    expect(dotenvKind("app/.env.production")).toBe("shared");
    expect(dotenvKind(".env.development")).toBe("shared");
    expect(dotenvKind("prod.env")).toBe("shared");
    expect(dotenvKind(".env.local")).toBe("local");
    expect(dotenvKind("web/.env.production.local")).toBe("local");
    expect(dotenvKind(".envrc")).toBe("local");
    expect(dotenvKind(".env.example")).toBe("template");
    expect(dotenvKind("deploy/.env.sample")).toBe("template");
    expect(dotenvKind(".env.template")).toBe("template");
    expect(dotenvKind("example.env")).toBe("template");
    expect(dotenvKind("environment.ts")).toBeUndefined();
    expect(dotenvKind(".envoy.yaml")).toBeUndefined();
  });

  it("report real values and pass empty ones, placeholders and references", () => {
    const text = "# comment\nEMPTY=\nQUOTED_EMPTY=''\nREF=${OTHER}\nPLACE=<your-key>\nCHANGE=changeme\nexport PORT=8080 # web\nNAME=\"svc account\"\n";
    expect(dotenvValues(text).map((v) => [v.name, v.line, text.slice(v.start, v.end)])).toEqual([
      ["PORT", 7, "8080"],
      ["NAME", 8, "svc account"],
    ]);
    const findings = scanText({ path: ".env.local", text });
    expect(findings.map((f) => [f.rule, f.line, f.name])).toEqual([
      ["dotenv-value", 7, "PORT"],
      ["dotenv-value", 8, "NAME"],
    ]);
    expect(scanText({ path: ".env.example", text })).toEqual([]);
    expect(scanText({ path: ".env", text: "A=\nB=${B}\n" })).toEqual([]);
  });

  it("follow the frameworks' policy: committed .env files pass public defaults and block secret values", () => {
    const defaults = "VITE_API_URL=http://localhost:3000\nPORT=3000\nNEXT_PUBLIC_SITE_NAME=Acme\nDEBUG=true\nLOG_LEVEL=info\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_abc\n";
    expect(scanText({ path: ".env.development", text: defaults })).toEqual([]);
    expect(scanText({ path: ".env", text: defaults })).toEqual([]);
    // A name whose last word says the value describes a secret (a storage key's name, a cookie's name, a prefix).
    const descriptors = "VITE_TOKEN_STORAGE_KEY=app.auth.token\nSESSION_COOKIE_NAME=__Secure-acme.session-token\nAPI_KEY_PREFIX=acme_live\n";
    expect(scanText({ path: ".env.development", text: descriptors })).toEqual([]);
    // Values that are no secret under a secret's name: a number, words (naming what belongs there), a PEM block without a body.
    const standIns = 'GITHUB_CLIENT_SECRET=123;\nOIDC_CLIENT_SECRET=client-secret\nSLACK_VERIFICATION_TOKEN=test-token-123\nGITHUB_APP_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----"\n_APP_DB_ROOT_PASS=rootsecretpassword\nLAUNCHPAD_RPC_SHARED_SECRET=supersecret\n_APP_VCS_GITHUB_PRIVATE_KEY=disabled\n';
    expect(scanText({ path: ".env.test", text: standIns })).toEqual([]);
    // The same defaults in a .env*.local are a developer's own values: blocked.
    expect(scanText({ path: ".env.development.local", text: defaults }).map((f) => f.name)).toContain("VITE_API_URL");
    const secret = expandFake("«A24»", "dotenv-secret");
    const withSecret = `${defaults}SESSION_SECRET=${secret}\nDB_PASSWORD=hunter22\n`;
    expect(scanText({ path: ".env.production", text: withSecret }).map((f) => f.name)).toEqual(["SESSION_SECRET", "DB_PASSWORD"]);
  });

  it("read `cred` as a credential's short name, as `creds` (not `credit`)", () => {
    for (const name of ["CRED", "SMTP_CRED", "smtpCred", "DEPLOY_CREDS", "DB_CREDENTIALS"]) expect(isSecretDotenvName(name), name).toBe(true);
    for (const name of ["CREDIT", "CREDIT_LIMIT", "STORE_CREDIT_CARD_TYPE", "INCREDIBLE"]) expect(isSecretDotenvName(name), name).toBe(false);
  });

  it("read a secret's word in a .env name only where the word ends (`TOKENIZER` is no token)", () => {
    const secretNames = ["DB_PASSWORD", "DBPASSWORD", "DBPASSWORDPROD", "GITHUBTOKENDEV", "APIKEYPROD", "SECRETKEY", "stripeSecretKey", "API_TOKENS", "apiKeys", "tokenSecret", "JWTSECRET", "PASSWORDLESS_TOKEN", "PASSWORD1"];
    for (const name of secretNames) expect(isSecretDotenvName(name), name).toBe(true);
    const otherWords = ["TOKENDEVICE", "PASSWORDTESTER", "TOKENIZER", "TOKENIZERS_PARALLELISM", "tokenizerPath", "PASSWORDLESS_MODE", "SECRETARY_EMAIL", "SALTSTACK_MASTER"];
    for (const name of otherWords) expect(isSecretDotenvName(name), name).toBe(false);
    const value = expandFake("«A32»", "dotenv-word-end");
    expect(scanText({ path: ".env", text: `TOKENIZER=${value}\nPASSWORDLESS_MODE=${value}\n` })).toEqual([]);
    expect(scanText({ path: ".env", text: `PASSWORDLESS_TOKEN=${value}\n` }).map((f) => f.name)).toEqual(["PASSWORDLESS_TOKEN"]);
  });

  it("still read a passcode, a passkey and a secret before a longer word as a secret's name (the word-end check dropped them)", () => {
    for (const name of ["PASSCODE", "APP_PASSCODE", "SMTP_PASSKEY", "keystorePasskey", "SECRET_KEYRING", "PASSKEYS"]) expect(isSecretDotenvName(name), name).toBe(true);
    // Public by their last word, and words that merely start with the letters.
    for (const name of ["PASSKEY_RP_ID", "PASSKEYS_ENABLED", "PASSCODELESS_LOGIN", "SECRETARY_EMAIL"]) expect(isSecretDotenvName(name), name).toBe(false);
    const value = expandFake("«A24»", "dotenv-passkey");
    const findings = scanText({ path: ".env", text: `SMTP_PASSKEY=${value}\nKEYSTORE_PASSKEY=${value}\n` });
    expect(findings.map((f) => [f.line, f.rule])).toEqual([
      [1, "dotenv-value"],
      [2, "dotenv-value"],
    ]);
    assertNoSecrets([JSON.stringify(findings)], [value]);
  });

  it("pass values already encrypted by sops, dotenvx or age", () => {
    const DOTENVX = "encrypted:";
    const text = [
      `API_KEY=ENC[AES256_GCM,data:${expandFake("«b32»", "sops")},iv:${expandFake("«b16»", "iv")},tag:${expandFake("«b22»", "tag")}==,type:str]`,
      `DB_PASSWORD="${DOTENVX}${expandFake("«b120»", "dotenvx")}"`,
      `DOTENV_PUBLIC_KEY="${expandFake("«h66»", "dotenvx-pub")}"`,
    ].join("\n");
    expect(scanText({ path: ".env", text })).toEqual([]);
    expect(scanText({ path: ".env.local", text })).toEqual([]);
    expect(scanText({ path: "config.yaml", text: `password: "${DOTENVX}${expandFake("«b120»", "dotenvx-yaml")}"\n` })).toEqual([]);
  });

  it("report a provider token in a template too", () => {
    expect(scanText({ path: ".env.example", text: `GITHUB_TOKEN=${GITHUB}\n` }).map((f) => f.rule)).toEqual(["github-token"]);
  });
});

describe("agent.lock forms", () => {
  const stored = JSON.stringify({ backpack: "agent.lock", version: 2, cipher: "aes-256-gcm-hsiv", key: "0123456789abcdef", layers: { credentials: "v2.j.AAAA", personality: "v2.j.BBBB", memory: "v2.z.CCCC" } });
  const working = JSON.stringify({ version: 2, credentials: { A: { source: "embedded", value: VAULT_VALUE }, B: { source: "vault" }, C: { source: "embedded", value: 5 } }, personality: {}, memory: {} });

  it("are told apart without the schema library", () => {
    expect(lockFormOf(stored)).toBe("stored");
    expect(lockFormOf(working)).toBe("working");
    const fernet = (c: string) => ({ data: Buffer.from(`gAAAAA${c}`).toString("base64"), salt: "c2FsdA==" });
    const v1 = { version: "1.0", layers: { credentials: fernet("a"), personality: fernet("b"), memory: fernet("c") } };
    expect(lockFormOf(JSON.stringify(v1))).toBe("v1");
    expect(lockFormOf("# yarn lockfile v1\n")).toBe("other");
    expect(lockFormOf(JSON.stringify({ name: "pkg", dependencies: { memory: "1.0.0" } }))).toBe("other");
  });

  it("count anything that looks like an agent.lock and is not exactly an encrypted form as plaintext (issue #11)", () => {
    // Each of these passed as encrypted (or as not an agent.lock) before: the hook let them be committed.
    const fernet = (c: string) => ({ data: Buffer.from(`gAAAAA${c}`).toString("base64"), salt: "c2FsdA==" });
    const lookalikes = [
      JSON.stringify({ backpack: "agent.lock", layers: { credentials: "plain" } }),
      // The stored form with one more top-level key holding plaintext.
      stored.replace(/}$/, `,"notes":{"memory":"plaintext"}}`),
      // A duplicate key: JSON.parse keeps the last (the ciphertext), a reviewer sees the first.
      stored.replace('{"backpack"', '{"credentials":{"A":{"source":"embedded","value":"x"}},"credentials":{},"backpack"'),
      // Format 1.0 in looks, with plaintext where the tokens go, or beside them.
      JSON.stringify({ version: "1.0", layers: { credentials: { data: "x", salt: "y" } } }),
      JSON.stringify({ version: "1.0", layers: { credentials: fernet("a"), personality: fernet("b"), memory: fernet("c") }, plaintext: { A: "v" } }),
      // A working form under any name, with or without its version.
      JSON.stringify({ credentials: { A: { source: "embedded", value: "v" } }, personality: {} }),
    ];
    for (const text of lookalikes) expect(lockFormOf(text), text.slice(0, 60)).toBe("working");
  });

  it("give the embedded credential values of a working form only", () => {
    assertSameData(embeddedCredentialValues(working), [VAULT_VALUE], "the embedded values");
    expect(embeddedCredentialValues(stored)).toEqual([]);
  });
});

describe("reports", () => {
  const findings = scanText({ path: "src/app.py", text: `TOKEN = "${GITHUB}"\n` });

  it("say where, which rule, the preview and the fix, then a summary line last", () => {
    const lines = hookLines({ findings, scanned: 1, skippedBinary: 0, skippedLarge: 0 });
    expect(lines[1]).toContain("src/app.py:1:10  github-token  ghp_…(40 chars)");
    expect(lines[2]).toContain("backpack key add TOKEN");
    expect(lines[2]).toContain('os.environ["TOKEN"]');
    expect(lines.at(-1)).toMatch(/^backpack: commit blocked: 1 finding in 1 file .*--no-verify/);
    expect(hookLines({ findings: [], scanned: 3, skippedBinary: 0, skippedLarge: 0 })).toEqual([]);
    assertNoSecrets(findingLines(findings), [GITHUB]);
  });

  it("give tools JSON with the findings, their fixes and a summary", () => {
    const json = JSON.parse(reportJson({ findings, scanned: 1, skippedBinary: 2, skippedLarge: 0 }));
    expect(json.summary).toEqual({ findings: 1, files: 1, scanned: 1, skippedBinary: 2, skippedLarge: 0, unexamined: 0 });
    expect(json.findings[0]).toMatchObject({ file: "src/app.py", rule: "github-token", fix: expect.stringContaining("backpack key add") });
  });

  it("write baselines sorted, one finding per line, without secrets", () => {
    const text = renderBaseline(findings);
    expect(JSON.parse(text)).toEqual({ version: 1, findings: [{ file: "src/app.py", rule: "github-token", line: 1, fingerprint: fingerprintOf(GITHUB) }] });
    assertNoSecrets([text], [GITHUB]);
  });
});

describe("the guards (known-secret, agent-lock-plaintext) heed only their own allow-list", () => {
  const value = "Zq8vK2mPx7LwT4nR9sY1hB3d";
  const known = prepareKnownSecrets([value]);
  const text = `TOKEN_FOR_X = "${value}"  # backpack:allow\n`;
  const rules = (allow: Parameters<typeof scanText>[1]) => scanText({ path: "config.py", text }, allow).map((f) => f.rule);

  it("an inline marker, the repository's paths, rules or fingerprints do not silence a known secret", () => {
    expect(rules({ known })).toEqual(["known-secret"]);
    const fingerprints = [fingerprintOf(value)];
    expect(rules({ known, allow: { paths: ["**"], rules: ["known-secret"], fingerprints } })).toEqual(["known-secret"]);
  });

  it("the guards' own list (your config, a trusted repository) does", () => {
    expect(rules({ known, allow: { paths: [], rules: [], fingerprints: [], guards: { paths: ["config.py"], rules: [], fingerprints: [] } } })).toEqual([]);
    expect(rules({ known, allow: { paths: [], rules: [], fingerprints: [], guards: { paths: [], rules: [], fingerprints: [fingerprintOf(value)] } } })).toEqual([]);
  });

  it("a path the repository skips is still searched for known values only", () => {
    const t = `k = "${value}"\nopenai = "sk-proj-${"Ab3dE".repeat(8)}"\n`;
    const found = scanText({ path: "vendor/x.py", text: t }, { known, allow: { paths: ["vendor/**"], rules: [], fingerprints: [] } });
    expect(found.map((f) => f.rule)).toEqual(["known-secret"]);
  });
});

describe("a rule's judgement of a match", () => {
  // A text that repeats one match (`mixpanel token = ` over a megabyte) has it judged once; every
  // occurrence is still found, and a distinct match is judged on its own.
  const judged: string[] = [];
  const rule: PatternRule = {
    id: "test-judged-once",
    description: "a test rule",
    envName: "TEST_TOKEN",
    pattern: /tok=(?<secret>[a-z0-9]{6})/g,
    keywords: ["tok="],
    validate: (secret) => (judged.push(secret), !secret.startsWith("no")),
    examples: { positive: [], negative: [] },
  };

  it("is made once for each distinct match, and holds for every occurrence", () => {
    judged.length = 0;
    const text = `${"tok=abc123 ".repeat(50)}\n${"tok=no1234 ".repeat(50)}\ntok=xyz789\n`;
    const findings = scanText({ path: "notes.txt", text }, { rules: [rule] });
    expect(findings.map((f) => f.line)).toEqual([...Array<number>(50).fill(1), 3]);
    expect(judged.sort()).toEqual(["abc123", "no1234", "xyz789"]);
  });

  it("is made again for the same match text when a lookbehind captured something else", () => {
    const leads: string[] = [];
    const behind: PatternRule = {
      id: "test-judged-by-lead",
      description: "a test rule",
      envName: "TEST_TOKEN",
      pattern: /(?<=(?<lead>[a-z]{2}):)tok=(?<secret>[a-z0-9]{6})/g,
      keywords: ["tok="],
      validate: (_secret, groups) => (leads.push(groups.lead ?? ""), groups.lead !== "no"),
      examples: { positive: [], negative: [] },
    };
    const text = "no:tok=abc123\nok:tok=abc123\nno:tok=abc123\n";
    expect(scanText({ path: "notes.txt", text }, { rules: [behind] }).map((f) => f.line)).toEqual([2]);
    expect(leads).toEqual(["no", "ok", "no"]);
  });

  it("is not asked of a plain value by the punctuated generic rule (its pattern wants a quote, bracket or separator)", () => {
    // 1 MB of `"api_key":"<random>",` on one line: each value is the generic rule's; judging and dropping
    // every one of them in the punctuated rule was a third of the scan.
    const punctuated = RULES.find((r) => r.id === "generic-secret-punctuated");
    if (!punctuated) throw new Error("no generic-secret-punctuated rule");
    const plain = Array.from({ length: 20 }, (_, i) => `"api_key":"${expandFake("«A24»", `plain:${i}`)}",`).join("");
    expect([...ruleMatches(punctuated, plain, undefined)]).toEqual([]);
    const punct = `"api_key":"${expandFake("«A8»", "p1")};${expandFake("«A8»", "p2")}",`;
    expect([...ruleMatches(punctuated, punct, undefined)].map((m) => m.groups.secret?.length)).toEqual([17]);
    expect(scanText({ path: "keys.json", text: `{${punct}}` }).map((f) => f.rule)).toEqual(["generic-secret-punctuated"]);
  });
});

describe("the operator after a name of up to 40 characters (ASSIGN_AFTER_NAME in rules.ts)", () => {
  // A guard: the lookahead asks only for the characters every match of the operator (ASSIGN_OP) starts
  // with, so a rule finds with it exactly what it finds without it. It fails when the operator gains a
  // form that starts with another character and the lookahead is not told.
  const LOOKAHEAD = String.raw`(?=[\\"'\x60\] \t:\{\}=?.+>])`;
  const guarded = RULES.filter((r) => r.pattern.source.includes(LOOKAHEAD));
  const without = (rule: PatternRule) => new RegExp(rule.pattern.source.split(LOOKAHEAD).join(""), rule.pattern.flags);
  const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}+${m[0].length} ${JSON.stringify(m.groups)}`);
  const hex = (seed: string) => expandFake("«h32»", seed);

  it("is asked by the rules that take such a name before the operator", () => {
    expect(guarded.map((r) => r.id).sort()).toEqual(["aws-secret-access-key", "twilio-auth-token"]);
  });

  it("changes no match, on the rules' examples and on texts made of names, operators and values", () => {
    const examples = RULES.flatMap((r) => [...(r.examples?.positive ?? []), ...(r.examples?.negative ?? [])].map((e, i) => expandFake(e, `${r.id}:${i}`)));
    const piece = fc.constantFrom(
      "twilio", "TWILIO_", "aws", "AWS_", "secret", "Secret", "_access_", "key", "token", "auth", ".", "-", "_", "=", ":", " ", "\t", "\n",
      '"', "'", "`", "\\", "]", "}", " to ", "->", ">", "=>", ":=", "?=", ".=", "+=", "::=", ":::=", "{ get; set; } =", ": string =", " string =", '", ', "??", "||",
      hex("a"), expandFake("«b40»", "b"), expandFake("«b40»", "c").replace(/[+/]/g, "1"), `AC${hex("d")}`,
    );
    for (const rule of guarded) {
      const plain = without(rule);
      for (const text of examples) expect(matches(rule.pattern, text), `${rule.id} on an example`).toEqual(matches(plain, text));
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
          const text = parts.join("");
          expect(matches(rule.pattern, text)).toEqual(matches(plain, text));
        }),
        { numRuns: 3000 },
      );
    }
  });
});

describe("a token with its auth scheme, unquoted (auth-scheme-value)", () => {
  const token = expandFake("«A32»");
  const rules = (path: string, text: string) => scanText({ path, text }).map((f) => f.rule);

  it("is found alone to the line's end in a .env file or YAML, whose values need no quotes", () => {
    expect(rules(".env", `AUTH_HEADER=Bearer ${token}\n`)).toContain("auth-scheme-value");
    expect(rules("config/settings.yaml", `auth_token_header: Bearer ${token}\n`)).toContain("auth-scheme-value");
    expect(rules("config/settings.yml", `api:\n  auth_token: Token ${token}  # rotated monthly\n`)).toContain("auth-scheme-value");
  });

  it("is not found in prose or code, nor where more words follow, nor as a reference or placeholder", () => {
    expect(rules("example.txt", `auth_token: Bearer ${token}\n`)).toEqual([]);
    expect(rules("app.py", `# auth_token: Bearer ${token}\n`)).not.toContain("auth-scheme-value");
    expect(rules("config/settings.yaml", `auth_token: Bearer ${token} is what the server sends back\n`)).not.toContain("auth-scheme-value");
    expect(rules(".env", "AUTH_HEADER=Bearer ${API_TOKEN}\n")).toEqual([]);
    expect(rules("config/settings.yaml", "auth_token: Bearer YourAccessTokenHere\n")).toEqual([]);
  });
});
