import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes the third labeled corpus's development half showed (docs/scan.md "The third labeled corpus's development
// half, spent") that the rules' examples (scanned as example.txt) cannot show: a file's kind or its path.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `labeled3-classes:${path}:${template}`) }).map((f) => f.rule);

describe("the third labeled corpus's classes", () => {
  it("reads a person's password under a clear name in code and config: a capitalised word and two digits, words joined by a hyphen and a number", () => {
    expect(rulesAt("scripts/e2e_config.py", 'BASE_URL = "https://staging.example.com"\nADMIN_PASSWORD = "Kestrel47"\n')).toEqual(["generic-secret"]);
    expect(rulesAt("config.json", '{\n  "db": {\n    "user": "app",\n    "pass": "marlin-Copper-3817"\n  }\n}\n')).toEqual(["generic-secret"]);
    // A version, a host's index, a fixture's count, stock words: no finding.
    expect(rulesAt("scripts/e2e_config.py", 'ADMIN_PASSWORD = "python39"\n')).toEqual([]);
    expect(rulesAt("config.json", '{ "db": { "pass": "web-server-01" } }\n')).toEqual([]);
    expect(rulesAt("config.json", '{ "db": { "pass": "marlin-copper-123" } }\n')).toEqual([]);
    expect(rulesAt("config.json", '{ "db": { "pass": "demo-user-2024" } }\n')).toEqual([]);
    // Another name over the same value: a key's or a token's name wants a generated value.
    expect(rulesAt("scripts/e2e_config.py", 'CACHE_TOKEN = "Kestrel47"\n')).toEqual([]);
  });

  it("reads a password given in a runbook's sentence after `with password`, and passes a field's name or a placeholder there", () => {
    expect(rulesAt("docs/onboarding.md", "# Onboarding\n\nThe staging admin login is `admin` with password `Must4ng2291`.\nChange it after your first login.\n")).toEqual(["password-in-prose"]);
    expect(rulesAt("docs/onboarding.md", "Log in with password `<your password>`.\n")).toEqual([]);
    expect(rulesAt("docs/onboarding.md", "Log in with password `hunter2`.\n")).toEqual([]);
    expect(rulesAt("docs/onboarding.md", "Sign in with password `Password123!` on the test stack.\n")).toEqual([]);
  });

  it("reads a key in a comment in code after its variable's name in capitals and a phrase, late in a long file", () => {
    const filler = Array.from({ length: 60 }, (_, i) => `def handler_${i}(event):\n    return {"status": 200}\n`).join("\n");
    expect(rulesAt("app/handlers.py", `${filler}\n# DD_API_KEY for the nightly export (do not share): «h32»\n`)).toEqual(["secret-name-phrase"]);
    // In code, a name in lower case in a comment is prose (a cache's key, a digest); so is a name with no operator.
    expect(rulesAt("app/handlers.py", "# key for the cache (per user): «h32»\n")).toEqual([]);
    expect(rulesAt("app/handlers.py", "// api_key for the client: «A32»\n")).toEqual([]);
    expect(rulesAt("app/handlers.py", "# DD_API_KEY for the nightly export comes from the vault\n")).toEqual([]);
  });

  it("reads a value in parentheses on the line after its name in code (a wrapped keyword argument)", () => {
    expect(rulesAt("src/llm/client.py", 'def make_client() -> Client:\n    return Client(\n        cohere_api_key=(\n            "«A40»"\n        ),\n    )\n')).toEqual(["generic-secret"]);
    expect(rulesAt("src/llm/client.py", '    return Client(\n        cohere_api_key=(\n            os.environ["COHERE_API_KEY"]\n        ),\n    )\n')).toEqual([]);
    expect(rulesAt("src/llm/client.py", '    message = (\n        "«A40»"\n    )\n')).toEqual([]);
  });

  it("reads a SQL INSERT row's value in a column named for a secret on the INSERT line", () => {
    const seed = "INSERT INTO integrations (name, kind, credential, enabled)\nVALUES\n  ('billing', 'api', '«h40»', true),\n  ('search', 'none', NULL, false);\n";
    expect(scanText({ path: "db/seed.sql", text: expandFake(seed, "sql") }).map((f) => `${f.rule}@${f.line}`)).toEqual(["sql-insert-secret@3"]);
    expect(rulesAt("db/seed.sql", "INSERT INTO `api_keys` (`id`, `api_key`, `created_at`) VALUES (1, '«A32»', NOW()), (2, 'changeme', NOW());\n")).toEqual(["sql-insert-secret"]);
    // A hash under a name that says so, a URL under a `*_url` name, placeholders and references, a secret's column in
    // another kind of file, a row whose value sits in another column: no finding.
    expect(rulesAt("db/seed.sql", "INSERT INTO users (id, pw_hash) VALUES (1, 'pbkdf2_sha256$600000$«A22»$«b43»=');\n")).toEqual([]);
    expect(rulesAt("db/seed.sql", "INSERT INTO settings (key_name, token_url) VALUES ('a', 'https://x.example.com/token');\n")).toEqual([]);
    expect(rulesAt("db/seed.sql", "INSERT INTO users (name, password) VALUES ('bob', 'changeme'), ('amy', '${PW}');\n")).toEqual([]);
    expect(rulesAt("db/seed.txt", seed)).toEqual([]);
    expect(rulesAt("db/seed.sql", "INSERT INTO integrations (name, credential, note)\nVALUES ('billing', NULL, '«h40»');\n")).toEqual([]);
  });

  it("reads Twilio's API key secret in the argument after its SK key SID", () => {
    expect(rulesAt("src/sms.js", "const client = twilio(\n  'SK«h32»',\n  '«A32»',\n  { accountSid: 'AC«h32»' },\n);\n")).toEqual(["twilio-api-key", "twilio-api-secret"]);
    // The secret from the environment, a placeholder, the account's SID after the key's: the key's SID alone.
    expect(rulesAt("src/sms.js", "const client = twilio(\n  'SK«h32»',\n  process.env.TWILIO_API_SECRET,\n);\n")).toEqual(["twilio-api-key"]);
    expect(rulesAt("src/sms.js", "twilio('SK«h32»', 'your_api_secret_goes_here_000000')\n")).toEqual(["twilio-api-key"]);
    expect(rulesAt("src/sms.js", "twilio('SK«h32»', 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX')\n")).toEqual(["twilio-api-key"]);
  });

  it("reads a credential file named by its path whose whole content is the value", () => {
    expect(rulesAt(".cache/huggingface/token", "«A34»\n")).toEqual(["credential-file"]);
    expect(rulesAt("home/agent/.vault-token", "s.«A24»")).toEqual(["credential-file"]);
    expect(rulesAt("var/run/secrets/kubernetes.io/serviceaccount/token", "«A40»\r\n")).toEqual(["credential-file"]);
    expect(rulesAt("secrets/db_password.txt", "Kq«A8»7!\n")).toEqual(["credential-file"]);
    expect(rulesAt("openvpn/auth.txt", "agent\nKq«A10»7!\n")).toEqual(["credential-file"]);
    expect(rulesAt("vpn/auth-user-pass", "agent\nKestrel47\n")).toEqual(["credential-file"]);
    // A vendor's token there is its own rule's finding.
    expect(rulesAt(".cache/huggingface/token", "hf_«A34»\n")).toEqual(["huggingface-token"]);
    // Placeholders, stock passwords, more than the value, other paths: no finding.
    expect(rulesAt(".cache/huggingface/token", "<your token here>\n")).toEqual([]);
    expect(rulesAt("openvpn/auth.txt", "agent\nchangeme\n")).toEqual([]);
    expect(rulesAt("openvpn/auth.txt", "# put your login here\nagent\nKq«A10»7!\n")).toEqual([]);
    expect(rulesAt("secrets/db_password.txt", "changeme\n")).toEqual([]);
    expect(rulesAt("secrets/README.txt", "«A34»\n")).toEqual([]);
    expect(rulesAt("secrets/db_password_file.txt", "«A34»\n")).toEqual([]);
    expect(rulesAt("docs/token", "«A34»\n")).toEqual([]);
    expect(rulesAt(".cache/huggingface/token", "«A34» «A34»\n")).toEqual([]);
  });

  it("reads the credential files whose name inside is too plain to read elsewhere: Kaggle's key, rsync's passwords", () => {
    expect(rulesAt("home/dev/.kaggle/kaggle.json", '{"username":"janedoe","key":"«h32»"}')).toEqual(["credential-file"]);
    expect(rulesAt(".config/kaggle/kaggle.json", '{\n  "key": "«h32»",\n  "username": "jane.doe"\n}\n')).toEqual(["credential-file"]);
    expect(rulesAt("etc/rsyncd.secrets", "# rsync daemon users\nbackup:Kq«A10»7!\n@ops:«A16»\n")).toEqual(["credential-file", "credential-file"]);
    expect(rulesAt("backup/rsync.pass", "«A20»\n")).toEqual(["credential-file"]);
    // A placeholder or a stock word, another JSON, another file of users, other paths: no finding.
    expect(rulesAt(".kaggle/kaggle.json", '{"username":"janedoe","key":"YOUR_KAGGLE_KEY"}')).toEqual([]);
    expect(rulesAt(".kaggle/kaggle.json", '{"username":"janedoe","key":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}')).toEqual([]);
    expect(rulesAt(".kaggle/kaggle.json", '{"dataset":"titanic","key":"«h32»","files":["train.csv"]}')).toEqual([]);
    expect(rulesAt("data/kaggle.json.bak", '{"username":"janedoe","key":"«h32»"}')).toEqual([]);
    expect(rulesAt("etc/rsyncd.secrets", "backup:changeme\n")).toEqual([]);
    expect(rulesAt("etc/rsyncd.secrets", "[backup]\npath = /srv/backup\nbackup:Kq«A10»7!\n")).toEqual([]);
    expect(rulesAt("etc/rsyncd.conf", "secrets file = /etc/rsyncd.secrets\nauth users = backup\n")).toEqual([]);
    expect(rulesAt("backup/rsync.pass", "<password>\n")).toEqual([]);
  });
});
