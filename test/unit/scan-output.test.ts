import { describe, expect, it } from "vitest";
import { type ScanReport, newReport } from "../../src/scan/blob.js";
import { hookLines, reportJson, scanLines } from "../../src/scan/report.js";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// Nothing derived from a secret value may reach output beyond the masked preview:
// not in a finding's name, its fix hint, or the summary.

/** Every substring of `secret` of 4 or more characters found in `output` (the preview fields removed). */
function leaks(output: string, secret: string, previews: string[]): string[] {
  let text = output;
  for (const p of previews) text = text.split(p).join("");
  const found: string[] = [];
  for (let i = 0; i + 4 <= secret.length; i++) if (text.includes(secret.slice(i, i + 4))) found.push(secret.slice(i, i + 4));
  return found;
}

const CASES: Array<{ path: string; line: (secret: string) => string; secret: string; name: string }> = [
  // A password containing `=` once read as a type annotation: the hint named its first characters.
  { path: "config.yaml", line: (s) => `password: ${s}`, secret: expandFake("R«U2»_«U2»_W«d1»=«A12»", "eq"), name: "PASSWORD" },
  { path: ".env.local", line: (s) => `DB_PASSWORD=${s}`, secret: expandFake("«U2»_«U2»=«A14»", "eq-env"), name: "DB_PASSWORD" },
  // A database URL's user is part of the secret's context, not the variable's name.
  { path: "settings.env.txt", line: (s) => `DATABASE_URL=postgres://billing_svc:${s}@db.internal:5432/billing`, secret: expandFake("«A20»", "db"), name: "DATABASE_URL" },
  { path: "app.py", line: (s) => `url = "mysql://reporting_user:${s}@10.0.0.5/app"`, secret: expandFake("«A18»", "db-py"), name: "URL" },
  { path: "deploy.sh", line: (s) => `curl -u ops_admin:${s} https://ci.example.com/job`, secret: expandFake("«A16»", "curl"), name: "CURL_PASSWORD" },
  // A type between the variable and its `=` is not the variable's name.
  { path: "main.go", line: (s) => `var dbPassword string = "${s}"`, secret: expandFake("«A22»", "go-type"), name: "DB_PASSWORD" },
  { path: "client.ts", line: (s) => `const apiKey: string = "${s}";`, secret: expandFake("«A22»", "ts-type"), name: "API_KEY" },
  { path: "Main.kt", line: (s) => `val authToken: String = "${s}"`, secret: expandFake("«A22»", "kt-type"), name: "AUTH_TOKEN" },
  // Assignment operators of Make and PHP: the variable before them names the finding.
  { path: "Makefile", line: (s) => `API_SECRET ?= ${s}`, secret: expandFake("«A22»", "make-q"), name: "API_SECRET" },
  { path: "rules.mk", line: (s) => `DB_PASSWORD ::= ${s}`, secret: expandFake("«A22»", "make-cc"), name: "DB_PASSWORD" },
  { path: "config.php", line: (s) => `$secret_key .= "${s}";`, secret: expandFake("«A22»", "php-dot"), name: "SECRET_KEY" },
  { path: "Makefile", line: (s) => `DEPLOY_TOKEN?=${s}`, secret: expandFake("ghp_«A36»", "make-glued"), name: "DEPLOY_TOKEN" },
  // Words inside the string that holds the secret are never its name: they may be a passphrase's.
  { path: "notes.sh", line: (s) => `NOTE="wibble wobble!= ${s}"`, secret: expandFake("ghp_«A36»", "in-string"), name: "NOTE" },
  { path: "msg.py", line: (s) => `msg = "see hunter string = ${s}"`, secret: expandFake("ghp_«A36»", "in-string-type"), name: "MSG" },
  { path: "run.go", line: (s) => `x := "alpha bravo+= ${s}"`, secret: expandFake("ghp_«A36»", "in-string-go"), name: "GITHUB_TOKEN" },
  // ... nor a word glued to it with `=`, nor a word before a `>` (an element's name only outside a string).
  { path: "deploy.sh", line: (s) => `DEPLOY_ARGS="--force staple_token=${s}"`, secret: expandFake("ghp_«A36»", "in-string-glued"), name: "DEPLOY_ARGS" },
  { path: "notes.sh", line: (s) => `NOTE="correct horsepass >${s}"`, secret: expandFake("ghp_«A36»", "in-string-gt"), name: "NOTE" },
  // A name the rule reads on another line, or without an operator: the variable, not SECRET (nor the value).
  { path: "values.yaml", line: (s) => `auth:\n  api_token: |\n    ${s}`, secret: expandFake("«A32»", "yaml-block"), name: "API_TOKEN" },
  { path: "values.yaml", line: (s) => `db:\n  password: >-\n    ${s}`, secret: expandFake("Kq«A8»7!", "yaml-folded"), name: "PASSWORD" },
  { path: "config.fish", line: (s) => `set -gx DEPLOY_TOKEN ${s}`, secret: expandFake("«A32»", "fish"), name: "DEPLOY_TOKEN" },
  { path: ".cshrc", line: (s) => `setenv DB_PASSWORD ${s}`, secret: expandFake("Kq«A8»7!", "csh"), name: "DB_PASSWORD" },
  { path: "settings.xml", line: (s) => `<server>\n  <apiToken>\n    ${s}\n  </apiToken>\n</server>`, secret: expandFake("«A32»", "xml-element"), name: "API_TOKEN" },
  { path: "variables.tf", line: (s) => `variable "okta_api_token" {\n  default = "${s}"\n}`, secret: expandFake("«A40»", "tf-default"), name: "OKTA_API_TOKEN" },
  { path: "deploy.yaml", line: (s) => `env:\n  - name: PAYMENT_API_KEY\n    value: ${s}`, secret: expandFake("«A40»", "k8s-pair"), name: "PAYMENT_API_KEY" },
  { path: "docker-compose.yml", line: (s) => `    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${s}}`, secret: expandFake("Kq«A10»7", "compose-default"), name: "POSTGRES_PASSWORD" },
  { path: "config.ts", line: (s) => `export const sessionSecret = process.env.SESSION_SECRET ?? "${s}";`, secret: expandFake("«A40»", "env-fallback"), name: "SESSION_SECRET" },
  { path: "config.xml", line: (s) => `<properties>\n  <entry key="db.password">${s}</entry>\n</properties>`, secret: expandFake("«A16»", "xml-entry"), name: "PASSWORD" },
  { path: "settings.xml", line: (s) => `<server>\n  <password>${s}</password>\n</server>`, secret: expandFake("«A16»", "xml-inline"), name: "PASSWORD" },
  { path: "index.html", line: (s) => `<p>Use <code>${s}</code></p>`, secret: expandFake("ghp_«A36»", "html"), name: "GITHUB_TOKEN" },
  { path: "values.yaml", line: (s) => `mysql:\n  admin_pw: ${s}`, secret: expandFake("«A16»", "pw"), name: "ADMIN_PW" },
  { path: "config.toml", line: (s) => `[database]\npassword = """${s}"""`, secret: expandFake("«A20»", "toml-triple"), name: "PASSWORD" },
  { path: "Config.cs", line: (s) => `  public string ApiToken { get; init; } = "${s}";`, secret: expandFake("«A32»", "cs-property"), name: "API_TOKEN" },
  { path: "web.config", line: (s) => `<add key="CheckoutSecret" value="${s}" />`, secret: expandFake("«A32»", "xml-pair"), name: "CHECKOUT_SECRET" },
  { path: "setup.bat", line: (s) => `setx /M "DEPLOY_SECRET" "${s}"`, secret: expandFake("«A32»", "setx"), name: "DEPLOY_SECRET" },
  // JSON written in a string literal: the escaped key names the value, a string's other words never do.
  { path: "Client.java", line: (s) => `String body = "{\\"api_token\\": \\"${s}\\"}";`, secret: expandFake("«A32»", "escaped-json"), name: "API_TOKEN" },
  { path: "notes.sh", line: (s) => `NOTE="staple \\"horse\\": \\"${s}\\""`, secret: expandFake("ghp_«A36»", "escaped-json-words"), name: "NOTE" },
  // Another attribute's value is no element's name: `password="…"` holds a password.
  { path: "login.xml", line: (s) => `<login user="admin" password="StaplePass99">${s}</login>`, secret: expandFake("ghp_«A36»", "xml-attr-value"), name: "GITHUB_TOKEN" },
];

describe("scan output holds nothing derived from a secret", () => {
  for (const c of CASES) {
    it(`${c.path}: ${c.line("…")}`, () => {
      const text = `# settings\n${c.line(c.secret)}\n`;
      const findings = scanText({ path: c.path, text });
      expect(findings.length, "one finding").toBe(1);
      expect(findings[0]?.name).toBe(c.name);
      const report: ScanReport = { ...newReport(), findings, scanned: 1 };
      const output = [...scanLines(report, "the working tree"), ...hookLines(report), reportJson(report)].join("\n");
      expect(leaks(output, c.secret, findings.map((f) => f.preview))).toEqual([]);
      // The user of a URL is not printed either.
      expect(output).not.toMatch(/billing_svc|BILLING_SVC|reporting_user|REPORTING_USER|OPS_ADMIN|WOBBLE|HUNTER|BRAVO|STAPLE|HORSE/);
    });
  }
});
