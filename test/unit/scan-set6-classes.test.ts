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

  it("finds the values of a CSV export's password column, and passes other columns, other files and stock values", () => {
    const chrome = "name,url,username,password\napi.example.com,https://api.example.com/login,agent,Kq«A10»7!\nmail.example.com,https://mail.example.com/,me@example.com,«A16»\n";
    expect(rulesAt("exports/passwords.csv", chrome)).toEqual(["csv-password-column", "csv-password-column"]);
    // Bitwarden's column, quoted fields with a comma in another column.
    const bitwarden = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,"Mail, work",,,0,https://mail.example.com,me,"Kq«A10»7!",\n';
    expect(rulesAt("bitwarden_export.csv", bitwarden)).toEqual(["csv-password-column"]);
    // Empty and stock passwords, a references column, no password column, the same text in another kind of file.
    expect(rulesAt("exports/passwords.csv", "name,url,username,password\na,https://a.example.com,me,\nb,https://b.example.com,me,changeme\nc,https://c.example.com,me,${PASSWORD}\n")).toEqual([]);
    expect(rulesAt("data/users.csv", "id,username,password_hint\n1,agent,Kq«A10»7!\n")).toEqual([]);
    expect(rulesAt("data/users.txt", "name,url,username,password\na,https://a.example.com,me,Kq«A10»7!\n")).toEqual([]);
  });

  it("finds a prefixed token after a shell default's `:-`, and not after another word's hyphen", () => {
    expect(rulesAt("scripts/deploy.sh", 'local token="${GITLAB_TOKEN:-glpat-«A20»}"')).toContain("gitlab-pat");
    expect(rulesAt("scripts/deploy.sh", "export SLACK_BOT=${SLACK_BOT:-xoxb-«d12»-«d12»-«A24»}")).toContain("slack-token");
    expect(rulesAt("scripts/deploy.sh", "export HF=${HF_TOKEN:-hf_«A34»}")).toContain("huggingface-token");
    expect(rulesAt("scripts/deploy.sh", "branch=feature-glpat-«A20»")).toEqual([]);
    expect(rulesAt("scripts/deploy.sh", "export T=${GITLAB_TOKEN:-glpat-xxxxxxxxxxxxxxxxxxxx}")).toEqual([]);
  });
});
