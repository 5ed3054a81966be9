import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { MANAGED_HOOK_COMMAND } from "../../src/git/hook-managers.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { PROJECT_ROOT, type RunResult, type Sandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

// `backpack setup` in repositories whose hooks lefthook or simple-git-hooks manage: it
// writes no hook (those tools rewrite the hooks folder from their config) and prints the
// snippet for their config; the snippet then blocks a commit. simple-git-hooks runs for
// real (a dev dependency); lefthook's `run:` is run as lefthook runs it, through sh.

const GITHUB = expandFake("ghp_«A36»", "hook-managers-github");
const SECRETS = [GITHUB, GITHUB.slice(4, 20)];
const SIMPLE_GIT_HOOKS = join(PROJECT_ROOT, "node_modules/simple-git-hooks/cli.js");

describe("backpack setup with a hook manager", () => {
  let sb: Sandbox;
  let repo: string;
  sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const read = (path: string) => readFileSync(join(repo, path), "utf8");
  const hookFile = () => join(repo, ".git/hooks/pre-commit");
  /** The snippet lines setup printed under its hook step. */
  const snippetOf = (r: RunResult) => {
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.includes("pre-commit hook:"));
    return lines.slice(at + 1).filter((l) => l.startsWith("      ")).map((l) => l.slice(6));
  };
  const stageToken = () => {
    write("deploy.sh", `export GITHUB_TOKEN=${GITHUB}\n`);
    sb.git(["add", "deploy.sh"], { cwd: repo });
  };

  it.each(["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml", ".config/lefthook.yml", "lefthook.json", "lefthook.toml"])(
    "names lefthook's %s and writes no hook",
    (config) => {
      const original = config.endsWith(".json") ? "{}\n" : config.endsWith(".toml") ? "# lefthook\n" : "pre-push:\n  commands:\n    test:\n      run: npm test\n";
      write(config, original);
      const r = sb.backpack(["setup"], { cwd: repo });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`pre-commit hook: lefthook manages this repository's hooks and rewrites them from ${join(repo, config)}`);
      expect(r.stdout).toContain("npx lefthook install");
      expect(snippetOf(r).join("\n")).toContain("git pre-commit");
      expect(r.stdout).not.toContain("Nothing changed");
      expect(existsSync(hookFile())).toBe(false);
      expect(read(config)).toBe(original);
    },
  );

  it("lefthook: the printed snippet, added to lefthook.yml, blocks a token and passes a clean change; setup then sees it", () => {
    write("lefthook.yml", "pre-push:\n  commands:\n    test:\n      run: npm test\n");
    const first = sb.backpack(["setup"], { cwd: repo });
    const snippet = snippetOf(first);
    expect(snippet[0]).toBe("pre-commit:");
    write("lefthook.yml", `${read("lefthook.yml")}${snippet.join("\n")}\n`);
    const config = parseYaml(read("lefthook.yml")) as { "pre-commit": { commands: { backpack: { run: string } } } };
    const run = config["pre-commit"].commands.backpack.run;
    // lefthook runs a command's `run:` with sh -c at the top of the work tree.
    const sh = (env: NodeJS.ProcessEnv = {}) => {
      const r = spawnSync("sh", ["-c", run], { cwd: repo, env: { ...sb.env, ...env }, encoding: "utf8" });
      return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
    };
    write("README.md", "# app\n");
    sb.git(["add", "README.md"], { cwd: repo });
    expect(sh().status).toBe(0);
    stageToken();
    const blocked = sh();
    assertNoSecrets([blocked.stdout, blocked.stderr], SECRETS);
    expect(blocked.status).toBe(7);
    expect(blocked.stderr).toContain("deploy.sh:1:21  github-token");
    expect(sh({ BACKPACK_SKIP_HOOKS: "1" }).status).toBe(0);

    const again = sb.backpack(["setup"], { cwd: repo });
    expect(again.stdout).toContain(`= pre-commit hook: lefthook runs backpack's check already (${join(repo, "lefthook.yml")})`);
    const doctor = sb.backpack(["doctor", "--json"], { cwd: repo });
    expect(doctor.stdout).toContain(`installed (${join(repo, "lefthook.yml")})`);
    const uninstall = sb.backpack(["setup", "--uninstall"], { cwd: repo });
    expect(uninstall.stdout).toContain(`lefthook runs backpack's check: remove it from ${join(repo, "lefthook.yml")} yourself`);
    expect(read("lefthook.yml")).toContain("git pre-commit");
  });

  it.each([".simple-git-hooks.json", "simple-git-hooks.json", ".simple-git-hooks.cjs", "simple-git-hooks.js"])("names simple-git-hooks' %s and writes no hook", (config) => {
    write(config, config.endsWith(".json") ? "{}\n" : "module.exports = {};\n");
    const r = sb.backpack(["setup"], { cwd: repo });
    expect(r.stdout).toContain(`pre-commit hook: simple-git-hooks manages this repository's hooks and rewrites them from ${join(repo, config)}`);
    expect(r.stdout).toContain("npx simple-git-hooks");
    expect(existsSync(hookFile())).toBe(false);
  });

  it("simple-git-hooks (package.json key, run for real): the snippet blocks a commit with a token, fails closed in a clone without setup", () => {
    write("package.json", `${JSON.stringify({ name: "app", private: true, "simple-git-hooks": { "pre-push": "npm test" } }, null, 2)}\n`);
    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(`simple-git-hooks manages this repository's hooks and rewrites them from ${join(repo, "package.json")}`);
    expect(existsSync(hookFile())).toBe(false);
    // The snippet is one JSON member: add it to the "simple-git-hooks" object, as a user would.
    const [member] = snippetOf(setup);
    const pkg = JSON.parse(read("package.json"));
    Object.assign(pkg["simple-git-hooks"], JSON.parse(`{${member}}`));
    write("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
    const apply = spawnSync(process.execPath, [SIMPLE_GIT_HOOKS], { cwd: repo, env: sb.env, encoding: "utf8" });
    expect(apply.status, apply.stdout + apply.stderr).toBe(0);
    expect(readFileSync(hookFile(), "utf8")).toContain("git config --get backpack.command");

    write("README.md", "# app\n");
    sb.git(["add", "-A"], { cwd: repo });
    expect(sb.git(["commit", "-q", "-m", "start"], { cwd: repo, allowFail: true }).status).toBe(0);
    stageToken();
    const blocked = sb.git(["commit", "-m", "deploy"], { cwd: repo, allowFail: true });
    assertNoSecrets([blocked.stdout, blocked.stderr], SECRETS);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain("deploy.sh:1:21  github-token");
    expect(sb.backpack(["setup"], { cwd: repo }).stdout).toContain("simple-git-hooks runs backpack's check already");

    // Another clone, hooks applied, backpack not set up: the commit is refused with the fix.
    const clone = join(sb.root, "clone");
    sb.git(["clone", "-q", repo, clone]);
    spawnSync(process.execPath, [SIMPLE_GIT_HOOKS], { cwd: clone, env: sb.env });
    writeFileSync(join(clone, "notes.txt"), "hello\n");
    sb.git(["add", "notes.txt"], { cwd: clone });
    const refused = sb.git(["commit", "-m", "notes"], { cwd: clone, allowFail: true });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("backpack: not set up in this clone: run backpack setup");
  });

  it("husky still wins over a lefthook config: its hook file is the committed config", () => {
    mkdirSync(join(repo, ".husky"));
    write("lefthook.yml", "# lefthook\n");
    const r = sb.backpack(["setup"], { cwd: repo });
    expect(r.stdout).toContain(`pre-commit hook: installed (${join(repo, ".husky/pre-commit")})`);
  });

  it("a package.json without the key, or not JSON, is not simple-git-hooks'", () => {
    write("package.json", "{ not json\n");
    expect(sb.backpack(["setup"], { cwd: repo }).stdout).toContain(`pre-commit hook: installed (${hookFile()})`);
  });

  it("docs/hooks.md shows the command setup prints, for husky, lefthook and simple-git-hooks", () => {
    const doc = readFileSync(join(PROJECT_ROOT, "docs/hooks.md"), "utf8");
    expect(doc).toContain(`\n${MANAGED_HOOK_COMMAND}\n`);
    expect(doc).toContain(`run: ${JSON.stringify(MANAGED_HOOK_COMMAND)}`);
    expect(doc).toContain(`"pre-commit": ${JSON.stringify(MANAGED_HOOK_COMMAND)}`);
  });
});
