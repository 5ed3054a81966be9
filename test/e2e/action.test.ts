import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { PROJECT_ROOT, type Sandbox } from "../helpers/sandbox.js";
import { checkGithub, checkSarif, readYaml } from "../helpers/schemas.js";
import { assertNoSecrets } from "../helpers/secrets.js";

// action.yml: validated against SchemaStore's github-action schema, and its run: steps run
// with bash as a runner runs a composite action (bash --noprofile --norc -eo pipefail), in a
// temporary repository, with GitHub's expressions given the values an event would give.
// The upload-sarif steps (GitHub's own action) cannot run here: the test checks they would
// run, and that the SARIF files they would upload are valid.

const GITHUB = expandFake("ghp_«A36»", "action-github");
const SECRETS = [GITHUB, GITHUB.slice(4, 20)];

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = readYaml("action.yml") as Action;

interface StepRun {
  name: string;
  ran: boolean;
  status: number;
  output: string;
  outputs: Record<string, string>;
  with?: Record<string, string>;
}

/** Runs the composite action's steps like a runner would, with `context` for the `${{ }}` expressions. */
function runAction(sb: Sandbox, repo: string, inputs: Record<string, string>, github: Record<string, string>): StepRun[] {
  const temp = join(sb.root, "runner-temp");
  mkdirSync(temp, { recursive: true });
  const values: Record<string, string> = { "github.action_path": PROJECT_ROOT, "runner.temp": temp, ...github };
  for (const [name, spec] of Object.entries(action.inputs)) values[`inputs.${name}`] = inputs[name] ?? spec.default ?? "";
  const results: StepRun[] = [];
  const lookup = (expr: string): string => {
    const key = expr.trim();
    if (key in values) return values[key] as string;
    if (/^(github|steps)\./.test(key)) return ""; // GitHub gives "" for what an event does not have.
    throw new Error(`the test does not know the expression ${key}`);
  };
  const expand = (text: string) => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => lookup(e));
  // The conditions action.yml uses: always(), X == 'literal', joined by &&.
  const condition = (text: string | undefined) =>
    text === undefined ||
    text.split("&&").every((term) => {
      const t = term.trim();
      if (t === "always()") return true;
      const m = /^([\w.-]+) == '([^']*)'$/.exec(t);
      if (!m) throw new Error(`the test cannot evaluate the condition ${t}`);
      return lookup(m[1] as string) === m[2];
    });
  let failed = false;
  for (const [i, step] of action.runs.steps.entries()) {
    const ran = (!failed || (step.if ?? "").includes("always()")) && condition(step.if);
    const result: StepRun = { name: step.name, ran, status: 0, output: "", outputs: {} };
    if (ran && step.run) {
      expect(step.shell).toBe("bash");
      const outputFile = join(temp, `output-${i}`);
      writeFileSync(outputFile, "");
      const env: NodeJS.ProcessEnv = { ...sb.env, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: temp };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v);
      const script = join(temp, `step-${i}.sh`);
      writeFileSync(script, step.run);
      const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: repo, env, encoding: "utf8" });
      result.status = r.status ?? 128;
      result.output = `${r.stdout}${r.stderr}`;
      for (const line of readFileSync(outputFile, "utf8").split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0) result.outputs[line.slice(0, eq)] = line.slice(eq + 1);
      }
    } else if (ran && step.uses) {
      result.with = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v)]));
    }
    if (step.id) {
      values[`steps.${step.id}.outcome`] = !ran ? "skipped" : result.status === 0 ? "success" : "failure";
      for (const [k, v] of Object.entries(result.outputs)) values[`steps.${step.id}.outputs.${k}`] = v;
    }
    if (ran && result.status !== 0) failed = true;
    results.push(result);
  }
  return results;
}

const byName = (runs: StepRun[], name: string) => runs.find((r) => r.name === name) as StepRun;
const allOutput = (runs: StepRun[]) => runs.map((r) => r.output).join("\n");

describe("action.yml", () => {
  it("is a valid action (SchemaStore's github-action schema), a composite one with bash steps", () => {
    expect(checkGithub("github-action", action)).toEqual([]);
    expect(checkGithub("github-action", { ...action, runs: { using: "composite" } })).not.toEqual([]);
    expect(action.runs.using).toBe("composite");
    // No expression inside a script: event text reaches the scripts only through env.
    for (const step of action.runs.steps) expect(step.run ?? "").not.toContain("${{");
  });

  describe("its steps, run with bash", () => {
    let sb: Sandbox;
    let repo: string;
    sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));
    const commit = (path: string, text: string) => {
      writeFileSync(join(repo, path), text);
      sb.git(["add", path], { cwd: repo });
      sb.git(["commit", "-q", "--no-verify", "-m", `add ${path}`], { cwd: repo });
      return sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
    };

    it("on a pull request: checks the PR's commits, fails on a token, writes valid SARIF for upload", () => {
      const base = commit("README.md", "# app\n");
      const head = commit("deploy.sh", `export GITHUB_TOKEN=${GITHUB}\n`);
      const runs = runAction(sb, repo, { sarif: "true" }, { "github.event_name": "pull_request", "github.event.pull_request.base.sha": base, "github.event.pull_request.head.sha": head });
      assertNoSecrets([allOutput(runs)], SECRETS);
      expect(byName(runs, "Choose the commits").outputs.range).toBe(`${base}..${head}`);
      expect(byName(runs, "backpack verify").outputs.status).toBe("0");
      expect(byName(runs, "backpack scan").outputs.status).toBe("7");
      expect(byName(runs, "backpack scan").output).toContain("deploy.sh:1:21  github-token  ghp_…(40 chars)");
      const upload = byName(runs, "Upload the scan's SARIF");
      expect(upload.ran).toBe(true);
      const sarifFile = upload.with?.sarif_file as string;
      const sarif = readFileSync(sarifFile, "utf8");
      assertNoSecrets([sarif], SECRETS);
      expect(checkSarif(JSON.parse(sarif))).toEqual([]);
      expect(JSON.parse(sarif).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["github-token"]);
      expect(upload.with?.category).toBe("backpack-scan");
      expect(checkSarif(JSON.parse(readFileSync(byName(runs, "Upload verify's SARIF").with?.sarif_file as string, "utf8")))).toEqual([]);
      const fail = byName(runs, "Fail on findings");
      expect(fail.status).toBe(1);
      expect(fail.output).toContain("::error title=backpack scan::");
    });

    it("on a push: the new commits; a clean push passes, and a first push checks all history", () => {
      const before = commit("README.md", "# app\n");
      const after = commit("app.py", "print('hi')\n");
      const push = runAction(sb, repo, {}, { "github.event_name": "push", "github.event.before": before, "github.sha": after });
      expect(byName(push, "Choose the commits").outputs.range).toBe(`${before}..${after}`);
      expect(push.map((r) => r.status)).toEqual(push.map(() => 0));
      expect(byName(push, "Fail on findings").ran).toBe(true);
      expect(byName(push, "Upload the scan's SARIF").ran).toBe(false);

      const first = runAction(sb, repo, {}, { "github.event_name": "push", "github.event.before": "0".repeat(40), "github.sha": after });
      expect(byName(first, "Choose the commits").outputs.range).toBe("");
      expect(byName(first, "backpack scan").output).toMatch(/scanned in history/);
      expect(byName(first, "Fail on findings").status).toBe(0);
    });

    it("verify fails the job on a plaintext agent.lock; fail-on-findings false reports without failing", () => {
      commit("agent.lock", `${JSON.stringify({ version: 2, credentials: {}, personality: {}, memory: {} })}\n`);
      const runs = runAction(sb, repo, { scan: "false" }, { "github.event_name": "workflow_dispatch" });
      expect(byName(runs, "backpack verify").outputs.status).toBe("1");
      expect(byName(runs, "backpack verify").output).toContain("agent.lock: committed in plaintext");
      expect(byName(runs, "backpack scan").ran).toBe(false);
      expect(byName(runs, "Fail on findings").status).toBe(1);
      const lenient = runAction(sb, repo, { scan: "false", "fail-on-findings": "false" }, { "github.event_name": "workflow_dispatch" });
      expect(lenient.every((r) => r.status === 0)).toBe(true);
      expect(byName(lenient, "Fail on findings").ran).toBe(false);
    });

    it("a hostile range input stays a word: no shell code runs, and the unknown range fails the step", () => {
      commit("README.md", "# app\n");
      const marker = join(sb.root, "pwned");
      const runs = runAction(sb, repo, { range: `HEAD$(touch ${marker})`, verify: "false" }, { "github.event_name": "push" });
      expect(existsSync(marker)).toBe(false);
      const scan = byName(runs, "backpack scan");
      expect(scan.status).toBe(2);
      expect(scan.output).toContain("unknown revision or range");
      expect(byName(runs, "Fail on findings").ran).toBe(false);
    });

    it("an unknown scope is refused", () => {
      commit("README.md", "# app\n");
      const runs = runAction(sb, repo, { scope: "everything" }, { "github.event_name": "push" });
      expect(byName(runs, "Choose the commits").status).toBe(2);
      expect(byName(runs, "Choose the commits").output).toContain("scope must be auto or history");
    });
  });
});
