// Keychain pass (.ci/run): the framework's hooks run here only (the fresh-clone pass leaves them out).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { PROJECT_ROOT, type RunResult, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";
import { describeWithTool } from "../helpers/tools.js";

// The pre-commit framework (pre-commit.com) with this repository's .pre-commit-hooks.yaml,
// run by the real `pre-commit` (Debian's package). pre-commit installs backpack from a
// commit of this repository with npm (language: node), as it does for a team's config, so
// the first run needs the npm registry and takes a while; the environment is then reused.
// HOME and PRE_COMMIT_HOME live in the sandbox; only npm's download cache is shared.
// One install (a minute or more of npm): `pre-commit try-repo` would install the same hooks a
// second time, in a store of its own, to run the same `backpack git pre-commit` the team's
// config runs below, so it is not run; the commit below holds what it asserted (the finding
// with its masked preview, the exit code, no secret printed).

const GITHUB = expandFake("ghp_«A36»", "pre-commit-framework-github");
const SECRETS = [GITHUB, GITHUB.slice(4, 20)];
const INSTALL_TIMEOUT = 15 * 60_000;

describeWithTool("pre-commit", "pre-commit")("the pre-commit framework hooks (.pre-commit-hooks.yaml)", () => {
  let sb: Sandbox;
  let hookRepo: string;
  let rev: string;
  let env: NodeJS.ProcessEnv;

  const run = (cmd: string, args: string[], cwd: string): RunResult => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
  };
  const newRepo = (name: string) => {
    const repo = sb.repo(name);
    writeFileSync(join(repo, "README.md"), "# app\n");
    sb.git(["add", "README.md"], { cwd: repo });
    return repo;
  };

  beforeAll(() => {
    sb = makeSandbox();
    env = {
      ...sb.env,
      PRE_COMMIT_HOME: join(sb.root, "pre-commit-home"),
      // npm's content-addressed download cache (nothing else of the host's npm config).
      npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
      PRE_COMMIT_COLOR: "never",
    };
    // The hook repository: this checkout as committed, plus its uncommitted changes to
    // tracked files, as one commit (pre-commit installs hooks from a commit).
    hookRepo = join(sb.root, "backpack-hooks");
    sb.git(["clone", "-q", "--no-hardlinks", PROJECT_ROOT, hookRepo]);
    const diff = spawnSync("git", ["diff", "HEAD", "--binary"], { cwd: PROJECT_ROOT, encoding: "buffer", maxBuffer: 256 * 1024 * 1024 }).stdout;
    if (diff.length > 0) sb.git(["apply", "--whitespace=nowarn"], { cwd: hookRepo, input: diff });
    sb.git(["add", "-A"], { cwd: hookRepo });
    sb.git(["commit", "-q", "--no-verify", "--allow-empty", "-m", "hooks under test"], { cwd: hookRepo });
    rev = sb.git(["rev-parse", "HEAD"], { cwd: hookRepo }).stdout.trim();
  }, INSTALL_TIMEOUT);
  // The hook environments are node_modules trees: removing them takes a while on a busy machine.
  afterAll(() => sb?.cleanup(), 120_000);

  it(
    "from a team's config: a clean commit passes, a token is blocked, a push of a plaintext agent.lock is refused",
    () => {
      const repo = newRepo("team");
      writeFileSync(
        join(repo, ".pre-commit-config.yaml"),
        `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: backpack\n      - id: backpack-verify\n`,
      );
      sb.git(["add", ".pre-commit-config.yaml"], { cwd: repo });
      const install = run("pre-commit", ["install", "--install-hooks", "--hook-type", "pre-commit", "--hook-type", "pre-push"], repo);
      expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
      const gitEnv = { PRE_COMMIT_HOME: env.PRE_COMMIT_HOME, npm_config_cache: env.npm_config_cache, PRE_COMMIT_COLOR: "never" };

      const clean = sb.git(["commit", "-m", "start"], { cwd: repo, allowFail: true, env: gitEnv });
      expect(clean.status, `${clean.stdout}\n${clean.stderr}`).toBe(0);
      expect(`${clean.stdout}${clean.stderr}`).toMatch(/backpack \(secrets .*Passed/);

      writeFileSync(join(repo, "deploy.sh"), `export GITHUB_TOKEN=${GITHUB}\n`);
      sb.git(["add", "deploy.sh"], { cwd: repo });
      const blocked = sb.git(["commit", "-m", "deploy"], { cwd: repo, allowFail: true, env: gitEnv });
      assertNoSecrets([blocked.stdout, blocked.stderr], SECRETS);
      expect(blocked.status).not.toBe(0);
      expect(`${blocked.stdout}${blocked.stderr}`).toMatch(/backpack \(secrets .*Failed/);
      expect(`${blocked.stdout}${blocked.stderr}`).toContain("exit code: 7");
      expect(`${blocked.stdout}${blocked.stderr}`).toContain("deploy.sh:1:21  github-token  ghp_…(40 chars)");
      sb.git(["rm", "-q", "--cached", "deploy.sh"], { cwd: repo });

      // agent.lock in plaintext, committed past the hook (no filter in this repository): the push is refused.
      writeFileSync(join(repo, "agent.lock"), `${JSON.stringify({ version: 2, credentials: {}, personality: { tone: "dry" }, memory: {} })}\n`);
      sb.git(["add", "agent.lock"], { cwd: repo });
      sb.git(["commit", "-q", "--no-verify", "-m", "agent"], { cwd: repo });
      const remote = join(sb.root, "remote.git");
      sb.git(["init", "-q", "--bare", remote]);
      sb.git(["remote", "add", "origin", remote], { cwd: repo });
      const push = sb.git(["push", "origin", "HEAD:refs/heads/main"], { cwd: repo, allowFail: true, env: gitEnv });
      expect(push.status, push.stderr).not.toBe(0);
      expect(`${push.stdout}${push.stderr}`).toMatch(/backpack verify .*Failed/);
      expect(`${push.stdout}${push.stderr}`).toContain("agent.lock: committed in plaintext");
      expect(sb.git(["ls-remote", remote], { cwd: repo }).stdout).toBe("");
    },
    INSTALL_TIMEOUT,
  );
});
