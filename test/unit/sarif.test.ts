import { describe, expect, it } from "vitest";
import type { VerifyResult } from "../../src/git/verify.js";
import { newReport } from "../../src/scan/blob.js";
import { ruleCatalog } from "../../src/scan/rules.js";
import { UNEXAMINED_NOTIFICATION, pathUri, scanSarif, verifySarif } from "../../src/scan/sarif.js";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { checkSarif } from "../helpers/schemas.js";
import { assertNoSecrets } from "../helpers/secrets.js";

const OPENAI = expandFake("sk-proj-«u74»T3BlbkFJ«u74»", "sarif-openai");
const GITHUB = expandFake("ghp_«A36»", "sarif-github");

function reportOf(targets: { path: string; text: string; commit?: string }[]) {
  const report = newReport();
  for (const t of targets) report.findings.push(...scanText(t));
  report.scanned = targets.length;
  return report;
}

describe("scanSarif", () => {
  const report = reportOf([
    { path: "app/settings.py", text: `import os\n\nOPENAI_API_KEY = "${OPENAI}"\n` },
    { path: "deploy/my config/ci env.sh", text: `export GITHUB_TOKEN=${GITHUB}\n`, commit: "0123456789abcdef0123456789abcdef01234567" },
  ]);
  const log = scanSarif(report, "2.0.0-test");
  const run = log.runs[0];

  it("is valid SARIF 2.1.0 (the official schema)", () => {
    expect(report.findings).toHaveLength(2);
    expect(checkSarif(log)).toEqual([]);
    expect(log.version).toBe("2.1.0");
    // The validator is not a rubber stamp: a run without its tool, or an unknown level, fails.
    expect(checkSarif({ ...log, runs: [{ results: [] }] })).not.toEqual([]);
    expect(checkSarif({ ...log, runs: [{ ...run, results: [{ ...run?.results?.[0], level: "fatal" }] }] })).not.toEqual([]);
  });

  it("names every rule the scanner has, with a name, descriptions and help, once each", () => {
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(ruleCatalog().map((r) => r.id));
    for (const r of rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(r.shortDescription?.text).toBeTruthy();
      expect(r.help?.text).toBeTruthy();
    }
    expect(rules.find((r) => r.id === "openai-api-key")?.help?.text).toContain("backpack key add OPENAI_API_KEY");
    expect(run?.tool.driver).toMatchObject({ name: "backpack", version: "2.0.0-test" });
  });

  it("gives each finding its rule, level, location relative to the root, fingerprint and masked preview", () => {
    const [first, second] = run?.results ?? [];
    expect(first).toMatchObject({
      ruleId: "openai-api-key",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "app/settings.py", uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 19 } } }],
      properties: { preview: `sk-p…(${OPENAI.length} chars)` },
    });
    // ruleIndex points at the rule's descriptor.
    expect(run?.tool.driver.rules?.[first?.ruleIndex ?? -1]?.id).toBe(first?.ruleId);
    expect(first?.message.text).toContain(`sk-p…(${OPENAI.length} chars)`);
    expect(Object.values(first?.partialFingerprints ?? {})[0]).toContain(report.findings[0]?.fingerprint);
    // A path with spaces is a valid relative URI; a history finding names its commit.
    expect(second?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("deploy/my%20config/ci%20env.sh");
    expect(second?.properties).toMatchObject({ commit: "0123456789abcdef0123456789abcdef01234567" });
    expect(second?.message.text).toContain("commit 0123456789ab");
  });

  it("never holds a secret", () => {
    assertNoSecrets([JSON.stringify(log)], [OPENAI, GITHUB, OPENAI.slice(4, 20), GITHUB.slice(4, 20)]);
  });

  it("is valid with no findings", () => {
    const empty = scanSarif(newReport(), "2.0.0-test");
    expect(checkSarif(empty)).toEqual([]);
    expect(empty.runs[0]?.results).toEqual([]);
    expect(empty.runs[0]?.invocations).toBeUndefined();
  });

  it("says which files had matches past the per-rule limit, as warnings, so no results is not read as all examined", () => {
    const report = newReport();
    report.truncated = [{ file: "data/keys.txt", unexamined: 2345 }];
    const log = scanSarif(report, "2.0.0-test");
    expect(checkSarif(log)).toEqual([]);
    const notes = log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(log.runs[0]?.invocations?.[0]?.executionSuccessful).toBe(true);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: "warning", descriptor: { id: UNEXAMINED_NOTIFICATION } });
    expect(notes[0]?.message.text).toMatch(/^data\/keys\.txt: over 1,000 candidates of one rule; 2,345 more matches not examined/);
  });
});

describe("verifySarif", () => {
  const result: VerifyResult = {
    allowedPlaintext: [],
    scope: "all history",
    blobs: 3,
    authenticated: 0,
    unauthenticated: [],
    downgrades: [],
    sealed: [],
    formatOne: 0,
    problems: [
      { commit: "a".repeat(40), path: "agent.lock", oid: "b".repeat(40), kind: "plaintext", problem: "committed in plaintext (the working form): the filter was not active" },
      { commit: "c".repeat(40), path: "bots/x y/agent.lock", oid: "d".repeat(40), kind: "invalid", problem: "not a valid agent.lock: not JSON" },
    ],
  };
  const log = verifySarif(result, "2.0.0-test");

  it("is valid SARIF 2.1.0, one result per problem with its rule", () => {
    expect(checkSarif(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(["agent-lock-committed-plaintext", "agent-lock-invalid"]);
    for (const r of results) expect(log.runs[0]?.tool.driver.rules?.[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    expect(results[1]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("bots/x%20y/agent.lock");
    expect(results[0]?.properties).toMatchObject({ commit: "a".repeat(40) });
  });
});

describe("pathUri", () => {
  it("keeps slashes and percent-encodes what a URI reference cannot hold", () => {
    expect(pathUri("a b/c#d/e%f?.txt")).toBe("a%20b/c%23d/e%25f%3F.txt");
    expect(pathUri("plain/path.ts")).toBe("plain/path.ts");
  });
});
