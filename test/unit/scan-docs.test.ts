import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, ruleCatalog } from "../../src/scan/rules.js";
import { PROJECT_ROOT } from "../helpers/project-root.js";

// docs/scan.md's rules table is generated from the rules data. After changing
// src/scan/rules.ts, regenerate it with:
//   BACKPACK_UPDATE_DOCS=1 npx vitest run test/unit/scan-docs.test.ts
const DOC = join(PROJECT_ROOT, "docs/scan.md");
const START = "<!-- rules:start (generated from src/scan/rules.ts by test/unit/scan-docs.test.ts) -->";
const END = "<!-- rules:end -->";

function rulesTable(): string {
  const keywords = new Map(RULES.map((r) => [r.id, r.keywords.length ? r.keywords.map((k) => `\`${k}\``).join(" ") : "(always runs)"]));
  const rows = ruleCatalog().map((r) => `| \`${r.id}\` | ${r.description.replace(/\|/g, "\\|")} | ${keywords.get(r.id) ?? "(not a pattern)"} |`);
  return ["| rule | finds | prefilter keywords |", "| --- | --- | --- |", ...rows].join("\n");
}

describe("docs/scan.md", () => {
  it("lists every rule, as generated from the rules data", () => {
    const text = readFileSync(DOC, "utf8");
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, "the rules table markers").toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const current = text.slice(start + START.length, end).trim();
    const wanted = rulesTable();
    if (current !== wanted && process.env.BACKPACK_UPDATE_DOCS === "1") {
      writeFileSync(DOC, `${text.slice(0, start + START.length)}\n${wanted}\n${text.slice(end)}`);
      return;
    }
    expect(current, "docs/scan.md is out of date: BACKPACK_UPDATE_DOCS=1 npx vitest run test/unit/scan-docs.test.ts").toBe(wanted);
  });
});
