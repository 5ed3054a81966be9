import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { type RunResult, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

// Nothing derived from a secret value reaches any output beyond the documented masked preview
// (at most four leading characters and the length): not the text report, --json, SARIF, or the
// message of the pre-commit hook that `backpack setup` installs, run by a real `git commit`. Not
// in a finding's name or fix hint either: a password holding `=` once named the fix after its
// first characters, and a database URL's finding was named after the URL's user.

interface LeakCase {
  path: string;
  text: (secret: string) => string;
  secret: string;
  /** The variable the fix must name. */
  name: string;
  /** Words near the secret that are not the variable and must not be printed either (a URL's user). */
  unprinted?: string[];
}

const CASES: LeakCase[] = [
  { path: "config/app.yaml", text: (s) => `db:\n  password: ${s}\n`, secret: expandFake("R«U2»_«U2»_W«d1»=«A12»", "leak-eq-yaml"), name: "PASSWORD" },
  { path: ".env.local", text: (s) => `DB_PASSWORD=${s}\n`, secret: expandFake("«U2»_«U2»=«A14»", "leak-eq-env"), name: "DB_PASSWORD" },
  {
    path: "deploy/billing.env.txt",
    text: (s) => `DATABASE_URL=postgres://billing_svc:${s}@db.internal:5432/billing\n`,
    secret: expandFake("«A20»", "leak-db"),
    name: "DATABASE_URL",
    unprinted: ["billing_svc", "BILLING_SVC"],
  },
  { path: "app/db.py", text: (s) => `engine_url = "mysql://reporting_user:${s}@10.0.0.5/app"\n`, secret: expandFake("«A18»", "leak-db-py"), name: "ENGINE_URL", unprinted: ["reporting_user", "REPORTING_USER"] },
  { path: "scripts/deploy.sh", text: (s) => `curl -u ops_admin:${s} https://ci.example.com/job\n`, secret: expandFake("«A16»", "leak-curl"), name: "CURL_PASSWORD", unprinted: ["ops_admin", "OPS_ADMIN"] },
  { path: "src/client.ts", text: (s) => `export const apiKey = "${s}";\n`, secret: expandFake("«A40»", "leak-generic"), name: "API_KEY" },
];

/**
 * The 4-character pieces of `secret` found in `output` once the masked previews are taken out,
 * reported by offset only (never the piece), so a failure prints nothing of the secret.
 */
function leakedOffsets(output: string, secret: string, previews: string[]): number[] {
  let text = output;
  for (const p of previews) text = text.split(p).join("");
  const out: number[] = [];
  for (let i = 0; i + 4 <= secret.length; i++) if (text.includes(secret.slice(i, i + 4))) out.push(i);
  return out;
}

describe("scan output across formats holds nothing derived from a secret", () => {
  let sb: Sandbox;
  let repo: string;
  beforeEach(() => {
    sb = makeSandbox();
    repo = sb.wiredRepo();
    writeFileSync(join(repo, "README.md"), "# app\n");
    sb.git(["add", "-A"], { cwd: repo });
    expect(sb.git(["commit", "-q", "-m", "start"], { cwd: repo, allowFail: true }).status).toBe(0);
  });
  afterEach(() => sb.cleanup());

  for (const c of CASES) {
    it(`${c.path}: text, --json, SARIF, --staged and the hook's message`, () => {
      mkdirSync(dirname(join(repo, c.path)), { recursive: true });
      writeFileSync(join(repo, c.path), c.text(c.secret));
      const json = sb.backpack(["scan", "--json", c.path], { cwd: repo });
      expect(json.status).toBe(7);
      const findings = (JSON.parse(json.stdout) as { findings: Array<{ preview: string; name: string; fix: string }> }).findings;
      expect(findings.map((f) => f.name)).toEqual([c.name]);
      const previews = findings.map((f) => f.preview);
      // The documented preview: at most four leading characters, then the length.
      for (const p of previews) expect(p).toMatch(/^[^…]{0,4}…\(\d+ chars\)$/);

      const text = sb.backpack(["scan", c.path], { cwd: repo });
      const sarif = sb.backpack(["scan", "--format", "sarif", c.path], { cwd: repo });
      sb.git(["add", c.path], { cwd: repo });
      const staged = sb.backpack(["scan", "--staged"], { cwd: repo });
      const hook = sb.git(["commit", "-m", "add config"], { cwd: repo, allowFail: true });
      expect(hook.status, "the hook blocks the commit").not.toBe(0);
      expect(hook.stderr).toContain(`backpack key add ${c.name}`);

      const runs: Array<[string, RunResult | { stdout: string; stderr: string }]> = [
        ["text", text],
        ["json", json],
        ["sarif", sarif],
        ["staged", staged],
        ["hook", hook],
      ];
      for (const [format, r] of runs) {
        const output = `${r.stdout}\n${r.stderr}`;
        expect(leakedOffsets(output, c.secret, previews), `${format}: offsets of the secret's pieces printed`).toEqual([]);
        for (const word of c.unprinted ?? []) expect(output.includes(word), `${format} prints the URL's user (${word.length} chars)`).toBe(false);
      }
    });
  }
});
