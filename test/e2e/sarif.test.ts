import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import type { RunResult, Sandbox } from "../helpers/sandbox.js";
import { checkSarif } from "../helpers/schemas.js";
import { assertNoSecrets } from "../helpers/secrets.js";

// `backpack scan --format sarif` and `backpack verify --format sarif` through the built
// CLI, in real repositories, validated against the official SARIF 2.1.0 schema.

const GITHUB = expandFake("ghp_«A36»", "sarif-e2e-github");
const OPENAI = expandFake("sk-proj-«u74»T3BlbkFJ«u74»", "sarif-e2e-openai");
const SECRETS = [GITHUB, OPENAI, GITHUB.slice(4, 20), OPENAI.slice(8, 24)];

interface SarifLog {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; properties?: { commit?: string } }[] }[];
}

function sarifOf(r: RunResult): SarifLog {
  assertNoSecrets([r.stdout, r.stderr], SECRETS);
  const log = JSON.parse(r.stdout) as unknown;
  expect(checkSarif(log)).toEqual([]);
  return log as SarifLog;
}

describe("SARIF output", () => {
  let sb: Sandbox;
  let repo: string;
  sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));
  const commitFile = (path: string, text: string) => {
    writeFileSync(join(repo, path), text);
    sb.git(["add", path], { cwd: repo });
    sb.git(["commit", "-q", "--no-verify", "-m", `add ${path}`], { cwd: repo });
  };

  it("scan --format sarif: the working tree's findings, exit code 7", () => {
    writeFileSync(join(repo, "settings.py"), `TOKEN = "${GITHUB}"\n`);
    const r = sb.backpack(["scan", "--format", "sarif"], { cwd: repo });
    expect(r.status).toBe(7);
    const results = sarifOf(r).runs[0]?.results ?? [];
    expect(results.map((x) => [x.ruleId, x.locations[0]?.physicalLocation.artifactLocation.uri, x.locations[0]?.physicalLocation.region.startLine])).toEqual([["github-token", "settings.py", 1]]);
  });

  it("scan --staged, --history and --range write SARIF; a clean range exits 0 with no results", () => {
    commitFile("README.md", "# app\n");
    const base = sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
    commitFile("client.ts", `export const key = "${OPENAI}";\n`);
    writeFileSync(join(repo, "deploy.sh"), `export GITHUB_TOKEN=${GITHUB}\n`);
    sb.git(["add", "deploy.sh"], { cwd: repo });

    const staged = sb.backpack(["scan", "--staged", "--format", "sarif"], { cwd: repo });
    expect(staged.status).toBe(7);
    expect(sarifOf(staged).runs[0]?.results.map((x) => x.ruleId)).toEqual(["github-token"]);

    const history = sb.backpack(["scan", "--history", "--format", "sarif"], { cwd: repo });
    expect(history.status).toBe(7);
    const found = sarifOf(history).runs[0]?.results ?? [];
    expect(found.map((x) => x.ruleId)).toEqual(["openai-api-key"]);
    expect(found[0]?.properties?.commit).toBe(sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim());

    const range = sb.backpack(["scan", "--range", `${base}..HEAD`, "--format", "sarif"], { cwd: repo });
    expect(range.status).toBe(7);
    expect(sarifOf(range).runs[0]?.results.map((x) => x.ruleId)).toEqual(["openai-api-key"]);

    const clean = sb.backpack(["scan", "--range", `${base}~0..${base}`, "--format", "sarif"], { cwd: repo });
    expect(clean.status, clean.stderr).toBe(0);
    expect(sarifOf(clean).runs[0]?.results).toEqual([]);
  });

  it("scan --range refuses a range git does not know (exit 2), and option-looking input", () => {
    commitFile("README.md", "# app\n");
    for (const bad of ["nope..HEAD", "--all"]) {
      const r = sb.backpack(["scan", `--range=${bad}`, "--format", "sarif"], { cwd: repo });
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain(`unknown revision or range: ${bad}`);
      expect(r.stdout).toBe("");
    }
  });

  it("--json keeps working and cannot be mixed with --format", () => {
    writeFileSync(join(repo, "settings.py"), `TOKEN = "${GITHUB}"\n`);
    const json = sb.backpack(["scan", "--json"], { cwd: repo });
    expect(JSON.parse(json.stdout).summary).toMatchObject({ findings: 1 });
    const both = sb.backpack(["scan", "--json", "--format", "sarif"], { cwd: repo });
    expect(both.status).toBe(2);
  });

  it("verify --format sarif: a plaintext agent.lock and an invalid one, each with its rule", () => {
    // Committed without `backpack setup`: no filter, so the working form reaches git.
    commitFile("agent.lock", `${JSON.stringify({ version: 2, credentials: {}, personality: { tone: "dry" }, memory: {} }, null, 2)}\n`);
    sb.git(["mv", "agent.lock", "old.txt"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "move"], { cwd: repo });
    commitFile("agent.lock", "not json at all\n");
    const r = sb.backpack(["verify", "--all", "--format", "sarif"], { cwd: repo });
    expect(r.status).toBe(1);
    const log = sarifOf(r);
    // The move put the same plaintext under another name: recognised by its content, reported too.
    expect(log.runs[0]?.results.map((x) => x.ruleId).sort()).toEqual(["agent-lock-committed-plaintext", "agent-lock-committed-plaintext", "agent-lock-invalid"]);
    const json = sb.backpack(["verify", "--all", "--json"], { cwd: repo });
    const problems = JSON.parse(json.stdout).problems as { kind: string; path: string; problem: string }[];
    expect(problems.map((p) => `${p.kind} ${p.path}`).sort()).toEqual(["invalid agent.lock", "plaintext agent.lock", "plaintext old.txt"]);
    expect(problems.find((p) => p.path === "old.txt")?.problem).toMatch(/under a name git's filter does not cover/);
  });

  it("verify --format sarif on a good repository: valid, no results, exit 0", () => {
    commitFile("README.md", "# app\n");
    const r = sb.backpack(["verify", "--format", "sarif"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(sarifOf(r).runs[0]?.results).toEqual([]);
  });
});
