import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 9's agent half showed once it was read as development (docs/scan.md "Set 9 as
// development: agent files"), each written for other files and languages than the set's own, as a next set may place
// them: a file's kind (code, where prose is a comment), a tool's setting, a list between a name and its value.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set9-classes-a:${path}:${template}`) }).map((f) => f.rule);

describe("set 9's classes (agent files)", () => {
  it("finds a webhook URL of Make (Integromat) in any file, whatever random run its path holds", () => {
    expect(rulesAt("integrations/webhooks.yaml", "webhooks:\n  ticket_created: https://hook.eu1.make.com/«a32»\n")).toContain("make-webhook");
    expect(rulesAt("src/notify.py", 'requests.post("https://hook.us1.make.com/«a32»", json=payload)\n')).toContain("make-webhook");
    expect(rulesAt("README.md", "Point the form at `https://hook.integromat.com/«a32»`.\n")).toContain("make-webhook");
    // A page of Make's site, a placeholder, a path of words.
    expect(rulesAt("README.md", "See https://www.make.com/en/help/tools/webhooks for the setup.\n")).toEqual([]);
    expect(rulesAt("integrations/webhooks.yaml", "ticket_created: https://hook.eu1.make.com/<your-webhook-id>\n")).toEqual([]);
    expect(rulesAt("integrations/webhooks.yaml", "ticket_created: https://hook.eu1.make.com/ticket-created-scenario-hook\n")).toEqual([]);
  });

  it("finds the literal a credential helper's command prints, in each tool's settings file", () => {
    expect(rulesAt(".claude/settings.json", `{\n  "apiKeyHelper": "echo '«A40»'",\n  "permissions": { "allow": [] }\n}\n`)).toContain("helper-command-echo");
    expect(rulesAt(".config/backpack/config.toml", 'key_command = "echo «A32»"\n')).toContain("helper-command-echo");
    expect(rulesAt(".msmtprc", "account default\npasswordeval \"printf '%s' 'Kq«A10»7!'\"\n")).toContain("helper-command-echo");
    expect(rulesAt(".config/tool/config.yaml", "tokenCommand: exec echo «A32»\n")).toContain("helper-command-echo");
    // A command that fetches the secret, a variable, a setting that is no secret's.
    expect(rulesAt(".claude/settings.json", '{ "apiKeyHelper": "op read op://Private/anthropic/credential" }\n')).toEqual([]);
    expect(rulesAt(".claude/settings.json", '{ "apiKeyHelper": "echo $ANTHROPIC_API_KEY" }\n')).toEqual([]);
    expect(rulesAt(".devcontainer/devcontainer.json", '{ "postCreateCommand": "echo «A32»" }\n')).toEqual([]);
    expect(rulesAt(".config/tool/config.toml", 'cache_key_command = "echo «A32»"\n')).toEqual([]);
  });

  it("reads a name and its value apart in a YAML record with a list between them", () => {
    const dify = (name: string, value: string) =>
      `workflow:\n  environment_variables:\n    - description: ''\n      id: 5b1f0c2e-7a4d-4e8b-9c3a-2d6f8e1a4b7c\n      name: ${name}\n      selector:\n        - env\n        - ${name}\n      value: ${value}\n      value_type: secret\n`;
    expect(rulesAt("dify/support-workflow.yml", dify("acme_api_key", "«A32»"))).toContain("secret-name-value-pair");
    // A GitHub Actions-like input whose options list stands between.
    expect(rulesAt(".github/actions/deploy/action.yml", "inputs:\n  - name: deploy_token\n    options:\n      - staging\n      - production\n    default: «A40»\n")).toContain("secret-name-value-pair");
    expect(rulesAt("dify/support-workflow.yml", dify("cache_key", "«A32»"))).toEqual([]);
    expect(rulesAt("dify/support-workflow.yml", dify("acme_api_key", "'{{#env.acme_api_key#}}'"))).toEqual([]);
    // A list's item that is the next record's name ends the record.
    expect(rulesAt("x.yml", "inputs:\n  - name: api_token\n    choices:\n      - one\n      - two\n  - name: image\n    value: «A32»\n")).toEqual([]);
  });

  it("finds a secret named in a sentence (a prompt, a note, a memory), not a command's words or code", () => {
    expect(rulesAt("prompts/system.md", "- When you call the `lookup_order` tool, authenticate with the linkedin token «a32» in the request.\n")).toContain("secret-named-in-prose");
    expect(rulesAt(".agent/memory.json", '{ "memories": [{ "id": "m-102", "memory": "The staging discord token is «A40»" }] }\n')).toContain("secret-named-in-prose");
    expect(rulesAt("notes/onboarding.txt", "Use the deploy key `«h40»` for the nightly job.\n")).toContain("secret-named-in-prose");
    expect(rulesAt("docs/runbook.rst", "The replica's admin password is Kq«A10»7 until the rotation.\n")).toContain("secret-named-in-prose");
    // Words, references and other things named in prose; a command's words with no sentence; a comment in code.
    expect(rulesAt("prompts/system.md", "Authenticate with the api token stored in the vault.\n")).toEqual([]);
    expect(rulesAt("prompts/system.md", "The public key «A40» is shared with partners.\n")).toEqual([]);
    expect(rulesAt("prompts/system.md", "Authenticate with the api token ${API_TOKEN} in the request.\n")).toEqual([]);
    expect(rulesAt("notes/setup.txt", "myclockify token «a32»\n")).toEqual([]);
    expect(rulesAt("src/agent.py", "# the acme deploy token «A32» goes to the vault\nDEPLOY_TOKEN = os.environ['DEPLOY_TOKEN']\n")).toEqual([]);
  });
});
