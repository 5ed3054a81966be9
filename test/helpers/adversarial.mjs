// Adversarial inputs for the scanner's linear-time tests (test/unit/scan-linear.test.ts)
// and benchmark (bench/scan.mjs): long runs that repeat a rule's trigger word, triggers
// that never finish, and texts with a finding on every line (the work after a match:
// judging, line and column, masking, naming, reporting). Each maker returns exactly n
// characters. Values are fake (test/helpers/fake-secrets.mjs), or the constant below.
import { expandFake } from "./fake-secrets.mjs";

const repeat = (unit) => (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
/** Lines made by `line(i)` until n characters. */
const lines = (line) => (n) => {
  const parts = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const part = line(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join("").slice(0, n);
};
/** A fake value, different for each i (seeded, so the same every run). */
const fake = (template, i) => expandFake(template, `adversarial:${template}:${i}`);
/** One fixed fake-looking value, for shapes that repeat the same secret. */
const VALUE = "Zq8Xv2Lm9Pw4Rt7Ky3Hn6Bd1";

/** Shape name → (n) => text of n characters. */
export const ADVERSARIAL = {
  // Trigger words repeated in one run of word characters (the quadratic shapes of issue #15).
  "tokentoken…": repeat("token"),
  "passwordpassword…": repeat("password"),
  "secretsecret…": repeat("secret"),
  "apikeyapikey…": repeat("apikey"),
  "aws_secret_…": repeat("aws_secret_"),
  "twilio_token…": repeat("twilio_token"),
  "token=token=…": repeat("token="),
  "token: aaaa…": (n) => `token: ${"a".repeat(n)}`.slice(0, n),
  "name: tokentoken…": (n) => `name: ${"token".repeat(Math.ceil(n / 5))}`.slice(0, n),
  "a run of one letter": (n) => "a".repeat(n),
  "random word characters": (n) => expandFake(`«A${n}»`, `adversarial:${n}`),
  "a base64 run": (n) => expandFake(`«b${n}»`, `adversarial:b:${n}`),
  "a hex run": (n) => expandFake(`«h${n}»`, `adversarial:h:${n}`),
  // Provider prefixes that never finish a token.
  "eyJeyJ…": repeat("eyJ"),
  "glpat-glpat-…": repeat("glpat-"),
  "xoxb-1-xoxb-1-…": repeat("xoxb-1-"),
  "authorization: bearer …": repeat("authorization: bearer "),
  // Markup: PEM headers without an end, deep JSON, quotes, assignments without values.
  "BEGIN PRIVATE KEY, no END": repeat("-----BEGIN PRIVATE KEY-----\n"),
  "-----BEGIN -----BEGIN …": repeat("-----BEGIN "),
  "deep JSON": repeat('{"token":'),
  "[[[[…": repeat("["),
  "a line of quotes": repeat('"'),
  "short lines with =": repeat("a=b\n"),
  "short lines with :": repeat("key: v\n"),
  "https://u:p repeated": repeat("https://u:p"),
  // Context rules' openings that never finish (issue #15, second round).
  "<secret>{AQAAABAAA …": repeat("<secret>{AQAAABAAA "),
  "Using Key=Using Key=…": repeat("Using Key="),
  "token:\\n' and token - '…": repeat("token:\n'token - '"),
  // Command-line and connection-string openings that never finish (issue #15, third round): each rule
  // reads a bounded window after its tool's name, retried at every repetition.
  "jdbc:mysql://h/jdbc:…": repeat("jdbc:mysql://h/"),
  "helm --set password=…": repeat("helm --set password="),
  "openssl -k openssl -k …": repeat("openssl -k "),
  // The claimed families' fifth round: an environment lookup's fallback, a properties XML entry, libpq's
  // keyword/value parts, and `pw` ending a name, none of which finish.
  "process.env.API_TOKEN || …": repeat("process.env.API_TOKEN || "),
  "<entry key=\"<entry key=\"…": repeat('<entry key="'),
  "host=a password=host=a …": repeat("host=a password="),
  "pwpw…": repeat("pw"),
  // fake-leaks' classes (issue #15, development source): a WordPress key's define, an elvis fallback and
  // a comment naming a secret, none of which finish.
  "define('AUTH_KEY', '…": repeat("define('AUTH_KEY', '"),
  "password = a ?: password = a ?: …": repeat("password = a ?: "),
  "# password\\n# password\\n…": repeat("# password\n"),
  // betterleaks' classes (tenth round): an Authorization header whose scheme word never ends, and a key
  // file's private_key whose armour never closes.
  "Authorization: aivenv1 aivenv1 …": repeat("Authorization: aivenv1 "),
  "\"private_key\":\"-----BEGIN PRIVATE KEY-----…": repeat('"private_key":"-----BEGIN PRIVATE KEY-----service_account'),
  // The context-shift round: a setter's call whose quoted argument never closes, and an XML element named
  // with a bare auth whose value never ends.
  ".setApiKey(\".setApiKey(\"…": repeat('.setApiKey("'),
  "<db_auth>\\n<db_auth>\\n…": repeat("<db_auth>\n "),
  // trufflehog's round (eleventh): a vendor's name, a blank and a value of words every time (each a candidate
  // of vendor-word-token that its judgement rejects).
  "mixpanel mixpanel_mixpanel_mixpanel …": repeat("mixpanel mixpanel_mixpanel_mixpanel "),
  // The same assignment of a name to a vendor's word, every 17 characters: each a candidate of the generic rule,
  // rejected by a long judgement (judged once per distinct match since the lead's round).
  "mixpanel token = mixpanel token = …": repeat("mixpanel token = "),
  // gosec's classes (issue #15, gosec as a development source): a literal compared with a name that never ends as a
  // password's, a comparing call that never gets its literal, a header's scheme repeated under its own name.
  "\"s3cr3t1\" == passwordx …": repeat('"s3cr3t1" == passwordx '),
  "EqualFold(token, EqualFold(token, …": repeat("strings.EqualFold(token, "),
  "bearer = \"Bearer: bearer = …": repeat('bearer = "Bearer: '),
  // The lead's round: a macro's name and string that never closes, and a Rust fallback that never opens its string.
  "#define API_TOKEN \"#define API_TOKEN \"…": repeat('#define API_TOKEN "\n'),
  "env::var(\"TOKEN\").unwrap_or_else(|_| …": repeat('env::var("TOKEN").unwrap_or_else(|_| '),
  // The rotation round: a vendor's name joined to nothing (a lookup's fallback that never gives its string), and
  // Sidekiq's name in another convention with no `hex:hex` after it (the bounded gap read at every name).
  "dropbox_token ?? dropbox_token ?? …": repeat("dropbox_token ?? "),
  "bundle.gems.contribsys.com: bundle… ": repeat("bundle.gems.contribsys.com: "),
  // CredSweeper's second round: a key's byte array that never gets its twelfth literal, byte literals with no name, a
  // password for an account that never gets its value, an encoded query's name repeated, Tcl's set that never quotes.
  "key = {0x1f, key = {0x1f, …": repeat("key = {0x1f, "),
  "0x1f, 0x1f, … (no name)": repeat("0x1f, "),
  "password for a:password for a:…": repeat("password for a:"),
  "%26token%3D%26token%3D…": repeat("%26token%3D"),
  "set password set password …": repeat("set password "),
  // The lead's round: a table row whose cells never close with a value (one row, and a row on every line).
  "| API_TOKEN | API_TOKEN | …": repeat("| API_TOKEN "),
  "|\\n| token | key |\\n…": repeat("| token | key | tokentoken\n"),
  // A finding on every line, or many on one line: the work after each match.
  // Set 5 as development: an environment lookup's default, a header's name and value, fixed credential slots.
  "__ENV.API_TOKEN || __ENV.API_TOKEN || …": repeat("__ENV.API_TOKEN || "),
  "cmp.Or(os.Getenv(\"TOKEN\"), cmp.Or(…": repeat('cmp.Or(os.Getenv("TOKEN"), '),
  "getenv(\"TOKEN\", unset = getenv(…": repeat('Sys.getenv("TOKEN", unset = '),
  "TOKEN: z.string().default(TOKEN: …": repeat("TOKEN: z.string().min(1).default("),
  "Private Const Token As String Private …": repeat("Private Const Token As String "),
  "token: string | *token: string | *…": repeat("token: string | *"),
  "header_up X-Api-Token header_up …": repeat("header_up X-Api-Token "),
  "set-header token\\nset-header token\\n…": repeat("http-request set-header token\n"),
  "Header.name\">token</stringProp> …": repeat('<stringProp name="Header.name">token</stringProp>\n'),
  "- name: token\\n  in: header\\n…": repeat("- name: token\n  in: header\n"),
  "login(key=login(key=…": repeat("login(key="),
  "httpHeaderValue1: httpHeaderValue1: …": repeat("httpHeaderValue1: "),
  "setValue:@\"setValue:@\"…": repeat('[r setValue:@"'),
  // Set 6 as development: a store's put with no value, a --name whose --value never comes, a value piped to a
  // command whose name is a file's, a Postman apikey item never closed, a credentials list item with no key, a
  // notebook's output whose cell never reads the environment, a prefixed token after a shell default.
  "consul kv put a/api_token consul kv put …": repeat("consul kv put a/api_token "),
  "--name a/api_token --type x \\\n--value\n…": repeat("--name a/api_token --type x \\\n--value\n"),
  "echo VALUE | tee api_token_file echo …": repeat(`echo ${VALUE} | tee api_token_file `),
  "\"apikey\": [{ \"key\": \"value\", \"value\": \"…": repeat('"apikey": [{ "key": "value", "value": "'),
  "keyauth_credentials:\\n  - keyauth_credentials:…": repeat("keyauth_credentials:\n  - "),
  "\"text/plain\": [\"'VALUE'\" …": repeat(`"text/plain": ["'${VALUE}'"`),
  "\"text/plain\": \"'VALUE'\" … (no bracket)": repeat(`"text/plain": "'${VALUE}'", `),
  "${X:-glpat-${X:-glpat-…": repeat("${X:-glpat-"),
  // Set 7 as development (scan-set7dev-a): a JSON record whose value field is never a string, security's -s whose -w
  // never comes, a form's key= whose value= has none, encrypt_string's options with no value, transcript prompts with
  // no output, chamber's write and launchctl's setenv with no value, PowerShell's -Name whose -Secret has none.
  "\"name\": \"api_token\", \"type\": \"x\", \"value\": 1,\n…": repeat('"name": "api_token", "type": "x", "value": 1,\n'),
  "add-generic-password -s api_token -a x …": repeat("add-generic-password -s api_token -a x "),
  "-F key=api_token -F value= …": repeat("-F key=api_token -F value= "),
  "encrypt_string --vault-id x …": repeat("encrypt_string --vault-id x "),
  "$ cat api_token\n$ cat api_token\n…": repeat("$ cat api_token\n"),
  "chamber write s api_token launchctl setenv api_token …": repeat("chamber write s api_token launchctl setenv api_token "),
  "-Name a/api_token -Type x -Secret\n…": repeat("-Name a/api_token -Type x -Secret\n"),
  "--conn-password 'a$a$a$…": (n) => `--conn-password '${"a$".repeat(n)}`.slice(0, n),
  "consul kv put a/api_token 'a$a$…": (n) => `consul kv put a/api_token '${"a$".repeat(n)}`.slice(0, n),
  // Set 7 as development (scan-set7dev-b): a typed declaration whose literal never comes, Tcl's brace never closed, a
  // build option's value never given, a forKey: setter, a saved Secret block and an UPDATE whose name never closes, a
  // .properties continuation with no value line, the password slots' prefixes (chpasswd, keyMaterial, Expect's send)
  // google-services' current_key never closed, a chat line asking for a key whose answer is the next question, and
  // secret-name-phrase's words before the name.
  "c_api_token CONSTANT VARCHAR2(512) := c_api_token …": repeat("c_api_token CONSTANT VARCHAR2(512) := "),
  "DECLARE @ApiToken NVARCHAR(512) = NDECLARE …": repeat("DECLARE @ApiToken NVARCHAR(512) = N"),
  "set api_token {set api_token {…": repeat("set api_token {"),
  "option('api_token', type : 'string', …": repeat("option('api_token', type : 'string', "),
  "set(\"VALUE\", forKey: \"set(\"VALUE\", forKey: …": repeat(`set("${VALUE}", forKey: "`),
  "Secret(value=\"VALUE\").save(\"Secret(value=…": repeat(`Secret(value="${VALUE}").save("`),
  "SET value = 'VALUE' WHERE key = 'SET value = …": repeat(`SET value = '${VALUE}' WHERE key = '`),
  "SET value = 'VALUE', SET value = …": repeat(`SET value = '${VALUE}', `),
  "api.token=\\\napi.token=\\\n…": repeat("api.token=\\\n"),
  "chpasswd:\n  list: |\n    a:chpasswd:…": repeat("chpasswd:\n  list: |\n    a:"),
  "<protected>false</protected><keyMaterial>…": repeat("<protected>false</protected><keyMaterial>"),
  "expect \"password:\"\nsend \"expect …": repeat('expect "password:"\nsend "'),
  "\"api_key\": [{ \"current_key\": \"…": repeat('"api_key": [{ "current_key": "'),
  "the key for x?\n<lee> the key for x?\n…": repeat("the key for staging?\n<lee> "),
  "public key until public key until …": repeat("public key until "),
  // The third labeled corpus's development half (scan-labeled3dev): Twilio's SID whose secret is another SID, an
  // assignment's parenthesis with no quoted value on the next line, a comment's aside never closed, `with password`
  // whose value never comes.
  "'SKhex', 'SKhex', '…": lines((i) => `'SK${fake("«h32»", i)}', `),
  "api_token=(\\napi_token=(\\n…": repeat("api_token=(\n"),
  "DD_API_KEY for the export (do not DD_API_KEY …": repeat("DD_API_KEY for the export (do not "),
  "with the admin password `with …": repeat("with the admin password `"),
  // Set 8 as development (scan-set8dev-b): a var_dump key whose string never comes, redis-cli's numbered field with no
  // value line, a logging command whose name never ends, one-item lists never closed, box and psql rows with no value
  // cell, a KeePass value's attributes never closed, typed JSON openers, a transcript's prompt with no value, CONFIG SET
  // repeated, and secret slots after a record's title (each a generic candidate whose record's name is read).
  "[\"api_key\"]=>\n  string(9) \"[\"api_key\"]=>…": repeat('["api_key"]=>\n  string(9) "'),
  "1) \"api_key\"\n1) \"api_key\"\n…": repeat('1) "api_key"\n'),
  "##vso[task.setvariable variable=api_token;…": repeat("##vso[task.setvariable variable=api_token;"),
  "\"api_key\": [\"api_key\": [\"…": repeat('"api_key": ["'),
  "│ API_TOKEN │ API_TOKEN │…": repeat("│ API_TOKEN     │"),
  " api_token | api_token | …": repeat(" api_token | api_token\n"),
  "<key>api_key</key><value a=<key>…": repeat('<key>api_key</key><value a="'),
  "\"name\": \"api_key\", \"value\": {\"a\": [{\"b\": …": repeat('"name": "api_key", "value": {"a": [{"b": '),
  "$ cat api_token\nEnter it:\n\n$ cat …": repeat("$ cat api_token\nEnter it:\n\n"),
  "CONFIG SET CONFIG SET requirepass …": repeat("CONFIG SET "),
  "--title 'kms-key-id' 'credential=VALUE' …": repeat(`--title 'kms-key-id' 'credential=${VALUE}' `),
  // Set 8 as development (scan-set8dev-a): a function named for a secret whose return never quotes, a header line in a
  // string never closed, a setter's `$`-run never closed, multi-line strings and heredocs (opened, closed, never closed)
  // whose bodies a code file's scan reads again as text.
  "def api_key():\n    return \"def api_key()…": repeat('def api_key():\n    return "'),
  "'Password: VALUE 'Password: VALUE …": repeat(`'Password: ${VALUE} `),
  "WithPassword(\"a$a$a$…": (n) => `WithPassword("${"a$".repeat(n)}`.slice(0, n),
  "\"\"\"\napi_key = VALUE\n\"\"\"\n…": repeat(`"""\napi_key = ${VALUE}\n"""\n`),
  "x = <<-EOF\nx = <<-EOF\n… (never closed)": repeat("x = <<-EOF\n"),
  "<<-EOF\nexport API_TOKEN=VALUE\nEOF\n…": repeat(`<<-EOF\nexport API_TOKEN=${VALUE}\nEOF\n`),
  "\"\"\"\"\"\"…": repeat('"""'),
  // Set 9 as development (scan-set9dev-b): a name then a join no assignment makes (a quoted name and blanks, a bare name
  // and blanks, a macro's comma, Jsonnet's `::`, a computed property's brace) with no literal after it, a record's name
  // with no value slot below, poetry's http-basic never given a password, Nix's `''` openers, and a secret wrapper's
  // value after a name that says another thing (each a candidate whose line is read back).
  "\"api_key\" \"api_key\" \"…": repeat('"api_key" '),
  "api_token api_token api_token …": repeat("api_token "),
  "-define(API_KEY, -define(API_KEY, …": repeat("-define(API_KEY, "),
  "apiKey:: apiKey:: apiKey:: …": repeat("apiKey:: "),
  "var apiKey: String {\n var apiKey: String {\n…": repeat("var apiKey: String {\n"),
  "\"/agent/api-key\",\n\"/agent/api-key\",\n…": repeat('"/agent/api-key",\n'),
  "poetry config http-basic.x ci poetry config …": repeat("poetry config http-basic.x ci "),
  "shellHook = ''\nexport API_KEY=VALUE\n'';\n…": repeat(`shellHook = ''\nexport API_KEY=${VALUE}\n'';\n`),
  "''\n''\n''\n…": repeat("''\n"),
  "const publicKey = pulumi.secret(\"VALUE\");\n…": repeat(`const publicKey = pulumi.secret("${VALUE}");\n`),
  // Set 9 as development (scan-set9dev-a): Make's webhook path never ending in a random run, a helper's echo never
  // quoted, prose's secret nouns after the article with no value, a record's list items between a name and no value.
  "https://hook.eu1.make.com/aaaa-aaaa-…": (n) => `https://hook.eu1.make.com/${"aaaa-".repeat(n)}`.slice(0, n),
  "\"apiKeyHelper\": \"echo echo echo …": (n) => `"apiKeyHelper": "${"echo ".repeat(n)}`.slice(0, n),
  "the api token the api token …": repeat("the api token "),
  "the acme auth is the acme auth is …": repeat("the acme auth is "),
  "- name: api_token\n  selector:\n    - a\n…": (n) => `- name: api_token\n  selector:\n${"    - a\n".repeat(n)}`.slice(0, n),
  "API_KEY=value lines": repeat(`API_KEY=${VALUE}\n`),
  "API_KEY_n=distinct values": lines((i) => `API_KEY_${i}=${fake("«A24»", i)}\n`),
  "one line of JSON secrets": lines((i) => `"api_key":"${fake("«A24»", i)}",`),
  "database URLs with passwords": lines((i) => `postgres://app:${fake("«A12»", i)}@db.example.com:5432/app\n`),
  "PEM private keys": lines((i) => `${fake("«pem:RSA PRIVATE KEY»", i)}\n`),
};
