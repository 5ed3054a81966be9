import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gitDoctorChecks } from "../../src/git/doctor-checks.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

describe("gitDoctorChecks", () => {
  let sb: Sandbox;
  let repo: string;
  beforeEach(() => {
    sb = makeSandbox();
    repo = sb.repo();
  });
  afterEach(() => sb.cleanup());

  const verdicts = () => Object.fromEntries(gitDoctorChecks(repo).map((c) => [c.name, c.ok]));

  it("finds an unwired repository, then a wired one, then each thing broken", () => {
    expect(verdicts()).toEqual({ "git config": false, ".gitattributes": false, "pre-commit hook": false, cachetextconv: true, "textconv notes": true });
    expect(sb.backpack(["setup"], { cwd: repo }).status).toBe(0);
    expect(verdicts()).toEqual({ "git config": true, "node path": true, ".gitattributes": true, "pre-commit hook": true, cachetextconv: true, "textconv notes": true });

    sb.git(["config", "filter.backpack.process", "'/gone/node' '/gone/bin/backpack.js' git filter-process"], { cwd: repo });
    sb.git(["config", "diff.backpack.cachetextconv", "true"], { cwd: repo });
    writeFileSync(join(repo, "f"), "x\n");
    sb.git(["add", "f"], { cwd: repo });
    sb.git(["commit", "-qm", "f"], { cwd: repo, env: { BACKPACK_SKIP_HOOKS: "1" } });
    sb.git(["notes", "--ref=textconv/backpack", "add", "-m", "cached", "HEAD"], { cwd: repo });
    const checks = gitDoctorChecks(repo);
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName["git config"]?.message).toMatch(/differs from this backpack's: filter\.backpack\.process/);
    expect(byName["node path"]?.message).toMatch(/missing file: \/gone\/node, \/gone\/bin\/backpack\.js/);
    expect(byName.cachetextconv?.ok).toBe(false);
    expect(byName["textconv notes"]).toMatchObject({ ok: false, message: expect.stringMatching(/^deleted refs\/notes\/textconv\/backpack/) });
    expect(sb.git(["show-ref", "--verify", "--quiet", "refs/notes/textconv/backpack"], { cwd: repo, allowFail: true }).status).toBe(1);
    for (const check of checks.filter((c) => !c.ok)) expect(check.hint).toBeTruthy();
  });

  it("has nothing to say outside a repository", () => {
    expect(gitDoctorChecks(sb.home)).toEqual([]);
  });
});
