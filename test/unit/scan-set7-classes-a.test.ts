import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 7 showed once it was read as development (docs/scan.md "Set 7 as development: commands
// and outputs") that the rules' examples (scanned as example.txt) cannot show: a file's kind, or a check shared by the
// rules that read a name apart from its value.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set7-classes-a:${path}:${template}`) }).map((f) => f.rule);

describe("set 7's classes (commands and outputs)", () => {
  it("finds a vendor's short key (LinkedIn's 14 to 16 characters, Dropbox's 15) named apart from its value, and not another vendor's or a word", () => {
    expect(rulesAt("scripts/gitlab-vars.sh", "glab variable set LINKEDIN_TOKEN --value '«a7»4«a6»' --masked\n")).toContain("cli-put-secret");
    expect(rulesAt("out/secret.json", '{\n  "name": "dropbox-token",\n  "tags": {},\n  "value": "«a8»4«a6»"\n}\n')).toContain("json-name-value-fields");
    expect(rulesAt("scripts/keyvault.sh", "az keyvault secret set --vault-name kv --name linkedin-client-secret --value «a8»4«a6»\n")).toContain("cli-name-value-flags");
    // A generic token's name takes no 14 characters; a vendor's takes no word, nothing of another length, no digit-less run.
    expect(rulesAt("scripts/gitlab-vars.sh", "glab variable set GITHUB_TOKEN --value '«a7»4«a6»' --masked\n")).toEqual([]);
    expect(rulesAt("scripts/gitlab-vars.sh", "glab variable set LINKEDIN_TOKEN --value 'ProfileScopeName' --masked\n")).toEqual([]);
    expect(rulesAt("out/secret.json", '{\n  "name": "dropbox-token",\n  "tags": {},\n  "value": "«a7»4«a6»"\n}\n')).toEqual([]);
    expect(rulesAt("out/secret.json", '{\n  "name": "dropbox-token",\n  "tags": {},\n  "value": "abcdefghijklmno"\n}\n')).toEqual([]);
  });

  it("reads a transcript's output after a command naming a secret in a text file, and not a command's other output", () => {
    expect(rulesAt("notes/terminal-session.txt", "$ gcloud secrets versions access latest --secret=openai-api-key\n«A40»\n$ gcloud secrets versions list openai-api-key\nNAME  STATE\n")).toContain("transcript-secret-output");
    // A command's output is text: a `$` in it is the value's own.
    expect(rulesAt("notes/terminal-session.txt", "$ vault kv get -mount=secret -field=db_password\nKq$«A10»7\n$ exit\n")).toContain("transcript-secret-output");
    expect(rulesAt("notes/terminal-session.txt", "$ gcloud secrets versions access latest --secret=openai-api-key --project agent\n«A40»\n")).toEqual([]);
    expect(rulesAt("notes/terminal-session.txt", "$ cat README\nopenai-api-key\n«A40»\n")).toEqual([]);
  });
});
