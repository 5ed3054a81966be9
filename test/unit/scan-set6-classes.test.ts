import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 6 showed once it was development (docs/scan.md "Set 6 as development") that the
// rules' examples (scanned as example.txt) cannot show: a file's kind, or a prefix in a shell default.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set6-classes:${path}:${template}`) }).map((f) => f.rule);

describe("set 6's classes", () => {
  it("reads an assignment inside a string literal in code as a literal value (Packer's environment_vars, withEnv, docker -e)", () => {
    expect(rulesAt("packer/agent.pkr.hcl", 'build {\n  provisioner "shell" {\n    environment_vars = ["DB_PASSWORD=Kq«A9»7!"]\n  }\n}\n')).toContain("generic-secret");
    expect(rulesAt("Jenkinsfile.groovy", 'withEnv(["DB_PASSWORD=Kq«A9»7!"]) {\n  sh "make test"\n}\n')).toContain("generic-secret");
    expect(rulesAt("scripts/run.py", 'subprocess.run(["docker", "run", "-e", "DB_PASSWORD=Kq«A9»7!", "agent"])')).toContain("generic-secret");
    // An unquoted name = word in code is still an expression; a placeholder or a reference in the string is none.
    expect(rulesAt("packer/agent.pkr.hcl", "locals {\n  db_password = var.db_password_value\n}\n")).toEqual([]);
    expect(rulesAt("packer/agent.pkr.hcl", 'environment_vars = ["DB_PASSWORD=${var.db_password}"]')).toEqual([]);
    expect(rulesAt("Jenkinsfile.groovy", 'withEnv(["DB_PASSWORD=changeme"]) {\n  sh "make test"\n}\n')).toEqual([]);
    expect(rulesAt("packer/agent.pkr.hcl", 'environment_vars = ["CACHE_KEY=Kq«A9»7!"]')).toEqual([]);
  });

  it("finds a prefixed token after a shell default's `:-`, and not after another word's hyphen", () => {
    expect(rulesAt("scripts/deploy.sh", 'local token="${GITLAB_TOKEN:-glpat-«A20»}"')).toContain("gitlab-pat");
    expect(rulesAt("scripts/deploy.sh", "export SLACK_BOT=${SLACK_BOT:-xoxb-«d12»-«d12»-«A24»}")).toContain("slack-token");
    expect(rulesAt("scripts/deploy.sh", "export HF=${HF_TOKEN:-hf_«A34»}")).toContain("huggingface-token");
    expect(rulesAt("scripts/deploy.sh", "branch=feature-glpat-«A20»")).toEqual([]);
    expect(rulesAt("scripts/deploy.sh", "export T=${GITLAB_TOKEN:-glpat-xxxxxxxxxxxxxxxxxxxx}")).toEqual([]);
  });
});
