import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/project-root.js";
import { checkGithub, readYaml } from "../helpers/schemas.js";

// The project's own GitHub workflows cannot run here: they are validated against
// SchemaStore's workflow schema, checked for what they must do, and their shell steps
// that can run locally are run with bash.

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  "runs-on": string;
  strategy?: { matrix: { node: number[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const ci = readYaml(".github/workflows/ci.yml") as Workflow;
const release = readYaml(".github/workflows/release.yml") as Workflow;

describe("the workflows", () => {
  it.each([
    ["ci.yml", ci],
    ["release.yml", release],
  ])("%s is valid (SchemaStore's github-workflow schema)", (_, workflow) => {
    expect(checkGithub("github-workflow", workflow)).toEqual([]);
  });

  it("the schema catches a broken workflow", () => {
    expect(checkGithub("github-workflow", { ...ci, jobs: { linux: { steps: [{ run: "x" }] } } })).not.toEqual([]);
  });

  it("ci.yml tests on Linux, macOS and Windows with Node 20, 22 and 24, each against its OS keychain", () => {
    const os = (job: Job) => job["runs-on"].split("-")[0];
    const tested = Object.values(ci.jobs)
      .filter((job) => job.strategy)
      .flatMap((job) => (job.strategy?.matrix.node ?? []).map((node) => `${os(job)} ${node}`));
    expect(tested.sort()).toEqual(["macos 20", "macos 22", "macos 24", "ubuntu 20", "ubuntu 22", "ubuntu 24", "windows 20", "windows 22", "windows 24"]);
    for (const name of ["macos", "windows"]) {
      expect(ci.jobs[name]?.env).toMatchObject({ BACKPACK_TEST_KEYCHAIN: "1", BACKPACK_REQUIRE_KEYCHAIN: "1" });
      expect(ci.jobs[name]?.steps.map((s) => s.run)).toContain("npm test");
    }
    expect(ci.jobs.checks?.steps.map((s) => s.run)).toEqual(expect.arrayContaining(["npm run typecheck", "npm run lint"]));
    expect(ci.permissions).toEqual({ contents: "read" });
  });

  it("ci.yml's Linux job is .ci/run, and .ci/run starts the Secret Service and runs npm test", () => {
    const runs = ci.jobs.linux?.steps.filter((s) => s.run).map((s) => s.run);
    expect(runs).toEqual(["bash .ci/run"]);
    const script = readFileSync(join(PROJECT_ROOT, ".ci/run"), "utf8");
    // npm test, or its build and vitest when the fresh clone's npm test passed on the same files; then vitest
    // leaves out only the test files .ci/keychain-free.mjs lists (no keychain module can change them, or an end-to-end file
    // declares no need of it), and the tests tagged fresh-pass-only (vitest.config.ts), which that npm test ran.
    expect(script).toContain("tests=(npm test --)");
    const fastPath = script.slice(script.indexOf('if [ "$fresh_status" = 0 ] && [ "$same_at_clone" = yes ] && same_files; then'));
    expect(fastPath).toMatch(/^if [^\n]*\n(?:[^\n]*\n)*? {2}npm run build --silent\n {2}tests=\(npx vitest run --tags-filter '!fresh-pass-only'\)\n {2}for file in "\$\{keychain_free\[@\]\}"; do tests\+=\(--exclude "\$file"\); done\nfi\n/);
    // Run with node and npm stubbed: each listed file one --exclude (a space in a name kept); an empty list leaves none.
    const block = fastPath.slice(0, fastPath.indexOf("\nfi\n") + 4);
    const excludes = (listed: string) => {
      const stubs = `node() { printf '${listed}'; }; npm() { :; }; fresh_status=0; same_at_clone=yes; same_files() { true; }; tests=(npm test --)\n`;
      const r = spawnSync("bash", ["--noprofile", "--norc", "-euo", "pipefail", "-c", `${stubs}${block}printf '<%s>' "\${tests[@]}"`], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.slice(r.stdout.indexOf("<"));
    };
    expect(excludes("test/unit/a.test.ts\\ntest/unit/b c.test.ts\\n")).toBe("<npx><vitest><run><--tags-filter><!fresh-pass-only><--exclude><test/unit/a.test.ts><--exclude><test/unit/b c.test.ts>");
    expect(excludes("")).toBe("<npx><vitest><run><--tags-filter><!fresh-pass-only>");
    // The tag is vitest's to check (strictTags: a test with an undeclared tag fails), so it is declared.
    expect(readFileSync(join(PROJECT_ROOT, "vitest.config.ts"), "utf8")).toMatch(/const FRESH_PASS_ONLY = "fresh-pass-only";[^]*tags: \[\{ name: FRESH_PASS_ONLY,/);
    expect(script).toContain('bash .ci/with-keyring.sh "${tests[@]}"');
    const withKeyring = readFileSync(join(PROJECT_ROOT, ".ci/with-keyring.sh"), "utf8");
    // Its own session bus, whose Secret Service comes back unlocked if gnome-keyring crashes.
    expect(withKeyring).toMatch(/dbus-run-session --config-file=/);
    expect(withKeyring).toContain("Name=org.freedesktop.secrets");
    expect(readFileSync(join(PROJECT_ROOT, ".ci/keyring-daemon.sh"), "utf8")).toContain("gnome-keyring-daemon --foreground --unlock --components=secrets");
    expect(script).toMatch(/apt-get install .*gnome-keyring.* pre-commit/);
    expect(withKeyring).toContain("BACKPACK_TEST_KEYCHAIN=1 BACKPACK_REQUIRE_KEYCHAIN=1");
  });

  it("release.yml publishes with provenance on a v* tag, with an OIDC token and tests first", () => {
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    expect(release.permissions).toMatchObject({ "id-token": "write", contents: "read" });
    const steps = release.jobs.publish?.steps ?? [];
    const names = steps.map((s) => s.run ?? s.uses ?? "");
    const tests = names.indexOf("bash .ci/run");
    const publish = names.findIndex((r) => r.includes("npm publish --provenance --access public"));
    expect(tests).toBeGreaterThan(-1);
    expect(publish).toBeGreaterThan(tests);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with).toMatchObject({ "registry-url": "https://registry.npmjs.org" });
  });

  describe("release.yml's shell steps, run with bash (npm stubbed: nothing is published)", () => {
    const steps = release.jobs.publish?.steps ?? [];
    const step = (name: string) => steps.find((s) => s.name === name) as Step;
    const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const bash = (script: string, env: NodeJS.ProcessEnv, cwd = PROJECT_ROOT) => {
      const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
      return { status: r.status, out: `${r.stdout}${r.stderr}` };
    };

    it("the tag check passes the tag of package.json's version and stops any other", () => {
      const check = step("The tag names package.json's version").run as string;
      expect(bash(check, { TAG: `v${version}` }).status).toBe(0);
      const wrong = bash(check, { TAG: "v0.0.1" });
      expect(wrong.status).toBe(1);
      expect(wrong.out).toContain(`tag v0.0.1 does not match package.json's version ${version}`);
    });

    it("a pre-release goes to the next dist-tag, a release to latest", () => {
      const publish = step("npm publish --provenance").run as string;
      const dir = mkdtempSync(join(tmpdir(), "backpack-release-"));
      try {
        writeFileSync(join(dir, "npm"), '#!/bin/sh\necho "npm $*"\n');
        chmodSync(join(dir, "npm"), 0o755);
        const publishAs = (v: string) => {
          writeFileSync(join(dir, "package.json"), JSON.stringify({ version: v }));
          return bash(publish, { PATH: `${dir}:${process.env.PATH}` }, dir).out.trim();
        };
        expect(publishAs("2.0.0-alpha.1")).toBe("npm publish --provenance --access public --tag next");
        expect(publishAs("2.0.0")).toBe("npm publish --provenance --access public");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
