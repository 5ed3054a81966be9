import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DoctorCheck } from "../../src/config/doctor-check.js";
import { openContext } from "../../src/git/context.js";
import { gitChecks } from "../../src/git/doctor-checks.js";
import { defaultKeySources } from "../../src/keys/sources.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

describe("doctor's git checks", () => {
  let sb: Sandbox;
  let repo: string;
  beforeEach(() => {
    sb = makeSandbox();
    repo = sb.repo();
  });
  afterEach(() => sb.cleanup());

  const run = async (cwd = repo): Promise<DoctorCheck[]> => gitChecks({ ...openContext(cwd, sb.env), env: sb.env, sources: defaultKeySources(sb.env) });
  const verdicts = async () => Object.fromEntries((await run()).map((c) => [c.label, c.advisory ? "advice" : c.ok]));

  it("advises setup in an unwired repository, passes a wired one, and names each thing broken", async () => {
    expect(await verdicts()).toEqual({ "git setup": "advice", ".gitattributes": "advice", "pre-commit hook": "advice", cachetextconv: true, rerere: true, "committed agent.lock": true, "textconv notes": true });
    expect(sb.backpack(["setup"], { cwd: repo }).status).toBe(0);
    expect(await verdicts()).toEqual({ "git setup": true, "git node path": true, ".gitattributes": true, "pre-commit hook": true, cachetextconv: true, rerere: true, "committed agent.lock": true, "textconv notes": true });

    sb.git(["config", "filter.backpack.process", "'/gone/node' '/gone/bin/backpack.js' git filter-process"], { cwd: repo });
    sb.git(["config", "diff.backpack.cachetextconv", "true"], { cwd: repo });
    writeFileSync(join(repo, "f"), "x\n");
    sb.git(["add", "f"], { cwd: repo });
    sb.git(["commit", "-qm", "f"], { cwd: repo, env: { BACKPACK_SKIP_HOOKS: "1" } });
    sb.git(["notes", "--ref=textconv/backpack", "add", "-m", "cached", "HEAD"], { cwd: repo });
    const checks = await run();
    const byLabel = Object.fromEntries(checks.map((c) => [c.label, c]));
    expect(byLabel["git setup"]?.detail).toMatch(/differs from this backpack's: filter\.backpack\.process/);
    expect(byLabel["git node path"]?.detail).toMatch(/missing file: \/gone\/node, \/gone\/bin\/backpack\.js/);
    expect(byLabel.cachetextconv?.ok).toBe(false);
    expect(byLabel["textconv notes"]).toMatchObject({ ok: false, detail: expect.stringMatching(/^deleted refs\/notes\/textconv\/backpack/) });
    expect(sb.git(["show-ref", "--verify", "--quiet", "refs/notes/textconv/backpack"], { cwd: repo, allowFail: true }).status).toBe(1);
    for (const check of checks.filter((c) => !c.ok)) expect(check.fix).toBeTruthy();
  });

  it("has nothing to say outside a repository", async () => {
    expect(await run(sb.home)).toEqual([]);
  });
});
