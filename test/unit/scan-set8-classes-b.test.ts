import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 8 showed once its name-apart half was development (docs/scan.md "Set 8 as development:
// names apart") in the files they come in, beside the rules' own examples (scanned as example.txt): a name apart from its
// value in a tool's output, and a record's own name that overrules the secret slot its value is filed under.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set8-classes-b:${path}:${template}`) }).map((f) => f.rule);

describe("set 8's classes (names apart)", () => {
  it("reads a name and its value as a table's cells, in a box, padded, or as psql's and MySQL's rows", () => {
    expect(rulesAt("notes/doppler.txt", "$ doppler secrets\n┌────────────────┬──────────┐\n│ NAME           │ VALUE    │\n├────────────────┼──────────┤\n│ DOPPLER_CONFIG │ stg      │\n│ OPENAI_API_KEY │ «A40» │\n└────────────────┴──────────┘\n")).toEqual(["markdown-table-secret"]);
    expect(rulesAt("notes/infisical.txt", "┃ SECRET NAME      ┃ SECRET VALUE ┃\n┃ STRIPE_SECRET    ┃ «A32»        ┃\n")).toEqual(["markdown-table-secret"]);
    expect(rulesAt("notes/psql.txt", "agent=> SELECT key, value FROM app_settings;\n    key     | value\n------------+-------\n endpoint   | https://api.example.com\n api_token  | «A32»\n(2 rows)\n")).toEqual(["markdown-table-secret"]);
    expect(rulesAt("notes/mysql.txt", "+-------------+--------------------------------------+\n| name        | value                                |\n+-------------+--------------------------------------+\n| db_password | Kq«A10»7                             |\n+-------------+--------------------------------------+\n")).toEqual(["markdown-table-secret"]);
    // Names that are no secret's, a placeholder, a reference, and a shell pipe.
    expect(rulesAt("notes/psql.txt", " cache_key  | «A32»\n token_ttl  | 3600\n api_token  | <redacted>\n")).toEqual([]);
    expect(rulesAt("notes/doppler.txt", "│ API_TOKEN      │ ${API_TOKEN} │\n")).toEqual([]);
    expect(rulesAt("scripts/run.sh", "echo api_token | «A32»\n")).toEqual([]);
  });

  it("reads a name on one line and its value on the next in dumps and replies (var_dump, HGETALL)", () => {
    expect(rulesAt("logs/debug.txt", 'array(2) {\n  ["endpoint"]=>\n  string(23) "https://api.example.com"\n  ["client_secret"]=>\n  string(40) "«A40»"\n}\n')).toEqual(["php-var-dump-secret"]);
    expect(rulesAt("notes/redis.txt", 'cache:6379> HGETALL agent:config\n1) "endpoint"\n2) "https://api.example.com"\n3) "openai_api_key"\n4) "«A40»"\n')).toEqual(["redis-reply-pair-secret"]);
    expect(rulesAt("logs/debug.txt", 'array(1) {\n  ["session_id"]=>\n  string(32) "«h32»"\n}\n')).toEqual([]);
    expect(rulesAt("notes/redis.txt", '1) "cache_key"\n2) "«A32»"\n3) "token_ttl"\n4) "3600"\n')).toEqual([]);
  });

  it("reads a value one level down a typed or a listed value (OTel, DynamoDB, a query's list)", () => {
    expect(rulesAt("traces/span.json", '{"attributes": [{ "key": "http.request.header.authorization-token", "value": { "stringValue": "«A40»" } }]}\n')).toEqual(["json-name-value-fields"]);
    expect(rulesAt("events/apigw.json", '{\n  "multiValueHeaders": { "X-Api-Key": ["«A32»"] }\n}\n')).toEqual(["one-item-list-secret"]);
    expect(rulesAt("logs/worker.log", "query={'q': ['agents'], 'access_token': ['«A40»']}\n")).toEqual(["one-item-list-secret"]);
    expect(rulesAt("events/apigw.json", '{ "multiValueHeaders": { "X-Request-Id": ["«A32»"], "X-Api-Key": ["«A32»", "«A32»"] } }\n')).toEqual([]);
  });

  it("reads CI logging commands and a transcript's value after a prompt", () => {
    expect(rulesAt("azure-pipelines.yml", 'steps:\n  - bash: |\n      echo "##vso[task.setvariable variable=NPM_TOKEN;issecret=true]«A36»"\n')).toEqual(["ci-logging-command-secret"]);
    expect(rulesAt("azure-pipelines.yml", 'steps:\n  - bash: echo "##vso[task.setvariable variable=NPM_TOKEN;issecret=true]$(token)"\n')).toEqual([]);
    expect(rulesAt("notes/setup.txt", "$ pass insert -m agent/db-password\nEnter contents of agent/db-password and press Ctrl+D when finished:\n\nKq«A10»7\n$ pass git push\n")).toEqual(["transcript-secret-output"]);
    expect(rulesAt("notes/setup.txt", "$ pass insert -m agent/token-ttl\nEnter contents of agent/token-ttl and press Ctrl+D when finished:\n\n«A32»\n$ pass git push\n")).toEqual([]);
  });

  it("keeps a vendor's token given as mysql's attached password, and not a near-miss", () => {
    expect(rulesAt("scripts/backup.sh", "mysqldump -h db -u backup -pglpat-«A20» agent > agent.sql\n")).toEqual(["mysql-cli-password"]);
    expect(rulesAt("scripts/backup.sh", "mysqldump -h db -u backup -pghp_0000 agent > agent.sql\n")).toEqual([]);
  });

  describe("a record's own name overrules the secret slot its value is filed under", () => {
    const op = (title: string, value: string) => rulesAt("scripts/op-seed.sh", `#!/bin/sh\nop item create \\\n  --category "API Credential" \\\n  --title '${title}' \\\n  --vault Engineering \\\n  'credential=${value}'\n`);
    const boto3 = (id: string, value: string) => rulesAt("scripts/rotate.py", `client.put_secret_value(\n    SecretId="agent/prod/${id}",\n    SecretString="${value}",\n)\n`);
    const awsCli = (id: string, value: string) => rulesAt("scripts/rotate.sh", `aws secretsmanager create-secret --name agent/prod/${id} --secret-string '${value}'\n`);
    const keyring = (service: string, value: string) => rulesAt("R/setup_keys.R", `keyring::key_set_with_value(\n  service = "${service}",\n  username = "agent",\n  password = "${value}"\n)\n`);
    const secretData = (label: string, value: string) => rulesAt("infra/secrets.tf", `resource "google_secret_manager_secret_version" "${label}" {\n  secret      = google_secret_manager_secret.${label}.id\n  secret_data = "${value}"\n}\n`);

    it("drops a value whose record is named as another thing: an id, a length, a URL, a public key, a CSRF token", () => {
      expect(op("kms-key-id", "«h8»-«h4»-«h4»-«h4»-«h12»")).toEqual([]);
      expect(op("public-key", "«A43»")).toEqual([]);
      expect(boto3("csrf_token", "«A40»")).toEqual([]);
      expect(boto3("secret_length", "«A20»")).toEqual([]);
      expect(awsCli("primary_key", "«A32»")).toEqual([]);
      expect(keyring("issuer_key_hash", "«A30»")).toEqual([]);
      expect(secretData("report_access_id", "«h8»-«h4»-«h4»-«h4»-«h12»")).toEqual([]);
    });

    it("keeps a value whose record is named as a secret, named by no word either way, or named by a form's field", () => {
      expect(op("stripe-api-key", "«A32»")).toEqual(["generic-secret"]);
      expect(op("staging", "«A32»")).toEqual(["generic-secret"]);
      expect(op("key", "«A32»")).toEqual(["generic-secret"]);
      expect(boto3("api_token", "«A40»")).toEqual(["generic-secret"]);
      expect(keyring("my_new_password", "«A60»")).toEqual(["generic-secret"]);
      expect(secretData("db_password", "Kq«A10»7")).toEqual(["generic-secret"]);
      // A vendor's token is its own rule's, whatever the record's name.
      expect(op("kms-key-id", "ghp_«A36»")).toEqual(["github-token"]);
      // A blank line ends the record: the name of another command does not reach the slot.
      expect(rulesAt("scripts/op-seed.sh", "op item create --title 'kms-key-id'\n\nop item create 'credential=«A32»'\n")).toEqual(["generic-secret"]);
    });
  });
});
