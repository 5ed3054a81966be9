import { describe, expect, it } from "vitest";
import { fixFor } from "../../src/scan/report.js";
import { scanText } from "../../src/scan/scanner.js";
import { claimedCases, expandClaimedCase } from "../helpers/claimed-cases.mjs";
import { expandFake } from "../helpers/fake-secrets.mjs";

/**
 * A development corpus for the claimed families backpack was shortest on against cases nobody tuned
 * for (Slack, database connection strings, generic assignments): written from the vendors' published
 * formats and other scanners' public rules, never from Kingfisher's cases, with a look-alike beside
 * each class (test/helpers/claimed-cases.mjs). Its misses were read and fixed by class.
 */
describe("claimed-families development corpus (test/helpers/claimed-cases.mjs)", () => {
  const cases = claimedCases();

  it("is broad: every family with secrets and look-alikes, as templates only", () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    for (const family of ["slack", "database", "generic"]) {
      expect(cases.filter((c) => c.family === family && c.label === "tp").length).toBeGreaterThanOrEqual(50);
      expect(cases.filter((c) => c.family === family && c.label === "fp").length).toBeGreaterThanOrEqual(15);
    }
    // Every secret is a template: nothing token-shaped is written in the helper.
    for (const c of cases.filter((x) => x.label === "tp")) expect(c.text, c.path).toMatch(/«[^»]+»/);
  });

  it("finds the secrets (recall at the floors per family) and raises no false alarm", () => {
    const wrong: string[] = [];
    const score = new Map<string, { tp: number; found: number; fp: number; alarms: number }>();
    for (const c of cases) {
      const hit = scanText({ path: c.path, text: expandClaimedCase(c) }).length > 0;
      const s = score.get(c.family) ?? { tp: 0, found: 0, fp: 0, alarms: 0 };
      score.set(c.family, s);
      if (c.label === "tp") {
        s.tp++;
        if (hit) s.found++;
        else wrong.push(`missed ${c.path}`);
      } else {
        s.fp++;
        if (hit) {
          s.alarms++;
          wrong.push(`false alarm ${c.path}`);
        }
      }
    }
    for (const [family, s] of score) console.log(`claimed corpus, ${family}: recall ${(s.found / s.tp).toFixed(3)} (${s.found}/${s.tp}), false-positive rate ${(s.alarms / s.fp).toFixed(3)} (${s.alarms}/${s.fp})`);
    if (wrong.length) console.log(wrong.join("\n"));
    // Floors at the measured values (2026-12-06): what is still missed is prose without an
    // assignment (`admin` / `…` in a README; `api token for staging: …` counts since the seventh round).
    // Main's rules before this round: slack 1.000, database 0.961 (2 false alarms), generic 0.911.
    const floors: Record<string, number> = { slack: 1, database: 0.98, generic: 0.99 };
    for (const [family, s] of score) {
      expect(s.found / s.tp, family).toBeGreaterThanOrEqual(floors[family] ?? 1);
      expect(s.alarms, family).toBe(0);
    }
  });
});

describe("a stock password spelt with symbols (pa$$word) in documentation", () => {
  const stock = ["pa$$word", "P@$$w0rd", "Pa$$w0rd123", "P@ssw0rd1!", "s3cr3t!", "Adm1n123!", "l3tm31n", "W3lc0me1!"];
  it("is an example in a README or a guide, in every form the rules read", () => {
    for (const value of stock) {
      for (const line of [`password: ${value}`, `- \`password\`: \`${value}\``, `DB_PASSWORD=${value}`, `The password is \`${value}\`.`, `password = "${value}"`]) {
        for (const path of ["README.md", "docs/setup.rst", "NOTES.txt"]) expect(scanText({ path, text: `# Setup\n\n${line}\n` }), `${path}: ${line}`).toEqual([]);
      }
    }
  });

  it("is still a password in configuration and code (recall kept), and a random one in a README is found", () => {
    // 8 characters and more (the generic rule's floor for a password), and not one of the exact
    // spellings every file passes (`pa$$word`, `P@$$w0rd`: the dummies' list).
    for (const value of ["Pa$$w0rd123", "P@ssw0rd1!", "Adm1n123!", "W3lc0me1!"]) {
      for (const [path, text] of [["config.yaml", `db:\n  password: ${value}\n`], [".env.local", `DB_PASSWORD=${value}\n`], ["app.py", `password = "${value}"\n`]] as const) {
        expect(scanText({ path, text }).length, `${path}: ${value}`).toBe(1);
      }
    }
    for (const template of ["«A6»!«d2»", "Kq«A8»7!"]) {
      const value = expandFake(template, `readme:${template}`);
      expect(scanText({ path: "README.md", text: `Log in with\n\npassword: ${value}\n` }).length).toBe(1);
    }
    // A plain text file named for the secrets it holds is no documentation (a guide about them is).
    for (const path of ["credentials.txt", "deploy/passwords.txt", "prod.env.txt", "api-keys.txt"]) {
      expect(scanText({ path, text: `DB_PASSWORD=P@ssw0rd1!\n` }).length, path).toBe(1);
    }
    expect(scanText({ path: "docs/api-tokens.md", text: `DB_PASSWORD=P@ssw0rd1!\n` })).toEqual([]);
    // Words that hold a stock password's letters but are not one.
    expect(scanText({ path: "README.md", text: `password: Pa$$port-«x»\n`.replace("«x»", expandFake("«A10»", "port")) }).length).toBe(1);
  });
});

describe("the fix names the variable a multi-line or operator-less rule reads", () => {
  it("names the YAML key and the fish variable, never SECRET nor a part of the value", () => {
    const value = expandFake("«A32»", "hint");
    for (const [path, text, name] of [
      ["values.yaml", `auth:\n  api_token: |\n    ${value}\n`, "API_TOKEN"],
      ["config.fish", `set -gx DEPLOY_TOKEN ${value}\n`, "DEPLOY_TOKEN"],
    ] as const) {
      const [finding] = scanText({ path, text });
      expect(finding?.name).toBe(name);
      expect(fixFor(finding as never)).toContain(`backpack key add ${name}`);
      expect(fixFor(finding as never)).not.toContain(value.slice(0, 4));
    }
  });
});
