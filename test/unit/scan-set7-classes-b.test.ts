import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 7 showed once it was development (docs/scan.md "Set 7 as development: code, stores and
// config") in the files they come in, beside the rules' own examples (scanned as example.txt): a file's kind, and the
// values that read as another datum whatever name is over them.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set7-classes-b:${path}:${template}`) }).map((f) => f.rule);

describe("set 7's classes (code, stores and config)", () => {
  it("finds a declaration with a type or a keyword between the name and the value, in the languages' own files", () => {
    expect(rulesAt("src/agent_config.ads", "package Agent_Config is\n   Api_Token : constant String := \"«A32»\";\nend Agent_Config;\n")).toContain("typed-declaration-secret");
    expect(rulesAt("db/packages/agent_cfg.pks", "CREATE OR REPLACE PACKAGE agent_cfg AS\n  c_db_password CONSTANT VARCHAR2(512) := 'Kq«A10»7';\nEND agent_cfg;\n/\n")).toContain("typed-declaration-secret");
    expect(rulesAt("db/scripts/call_api.sql", "DECLARE @ApiToken NVARCHAR(512) = N'«A32»';\nEXEC dbo.usp_Call @ApiToken;\n")).toContain("typed-declaration-secret");
    expect(rulesAt("src/AGENTCFG.cbl", '>>SOURCE FORMAT FREE\nWORKING-STORAGE SECTION.\n01 WS-API-TOKEN PIC X(32) VALUE "«A32»".\n')).toContain("typed-declaration-secret");
    // A reference, a column's default, a name that is no secret's.
    expect(rulesAt("db/scripts/call_api.sql", "DECLARE @ApiToken NVARCHAR(512) = (SELECT value FROM settings WHERE name = 'api_token');\n")).toEqual([]);
    expect(rulesAt("db/migrations/0001.sql", "CREATE TABLE agents (api_token VARCHAR(512) NOT NULL DEFAULT '');\n")).toEqual([]);
    expect(rulesAt("src/agent_config.ads", '   Cache_Key : constant String := "«A32»";\n')).toEqual([]);
  });

  it("finds a .properties value on the line after its name's backslash, and not a line continued in code", () => {
    expect(rulesAt("src/main/resources/upstream.properties", "upstream.url=https://api.example.com\nupstream.api.token=\\\n    «A32»\n")).toEqual(["properties-continued-secret"]);
    expect(rulesAt("src/main/resources/upstream.properties", "upstream.api.token=\\\n    ${UPSTREAM_TOKEN}\n")).toEqual([]);
    expect(rulesAt("scripts/build.py", "api_token = \\\n    «A32»\n")).not.toContain("properties-continued-secret");
  });

  it("passes a value that reads as another datum under a secret's name (a type, a window, an address, a zone)", () => {
    // Each is flagged under `password =` or `secret_data =` before OTHER_DATUM (rules.ts); a random password is not another datum.
    const keyring = (value: string) => rulesAt("R/setup_keys.R", `keyring::key_set_with_value(\n  service = "api",\n  username = "agent",\n  password = "${value}"\n)\n`);
    const secretData = (value: string) => rulesAt("infra/secrets.tf", `resource "google_secret_manager_secret_version" "api" {\n  secret      = google_secret_manager_secret.api.id\n  secret_data = "${value}"\n}\n`);
    expect(keyring("AWS::EC2::SecurityGroup")).toEqual([]);
    expect(keyring("sun:05:00-sun:06:00")).toEqual([]);
    expect(keyring("us-central1-a")).toEqual([]);
    expect(secretData("deploy-bot@agent-mail.io")).toEqual([]);
    expect(secretData("us-central1-a")).toEqual([]);
    expect(keyring("Kq«A10»7")).toEqual(["generic-secret"]);
    expect(secretData("«A32»")).toEqual(["generic-secret"]);
    // A password with an `@` and capitals is no e-mail address.
    expect(keyring("Kq«A6»@Xz«A4»9.Io")).toEqual(["generic-secret"]);
  });
});
