import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

  it("advises `backpack setup` for a pre-commit hook an older backpack installed (it still checks, only slower), in .git/hooks and in husky", async () => {
    // The block before the script listed the staged change itself (`--stdin`).
    const older = (text: string) => {
      const start = text.indexOf("  {\n    git ls-files");
      const end = text.indexOf("|| exit $?\n", start) + "|| exit $?\n".length;
      expect(start).toBeGreaterThan(0);
      return `${text.slice(0, start)}  NODE_EXTRA_CA_CERTS= "$@" git pre-commit || exit $?\n${text.slice(end)}`;
    };
    const hookVerdict = async () => {
      const check = (await run()).find((c) => c.label === "pre-commit hook");
      return { verdict: check?.advisory ? "advice" : check?.ok, detail: check?.detail, fix: check?.fix };
    };
    expect(sb.backpack(["setup"], { cwd: repo }).status).toBe(0);
    const hook = join(repo, ".git/hooks/pre-commit");
    const current = readFileSync(hook, "utf8");
    expect((await hookVerdict()).verdict).toBe(true);
    writeFileSync(hook, older(current));
    expect(await hookVerdict()).toEqual({ verdict: "advice", detail: expect.stringContaining("but not as this backpack writes it"), fix: expect.stringMatching(/^run `backpack setup` to update it/) });
    const update = sb.backpack(["setup"], { cwd: repo });
    expect(update.stdout).toContain(`pre-commit hook: updated (${hook})`);
    expect(readFileSync(hook, "utf8")).toBe(current);
    expect((await hookVerdict()).verdict).toBe(true);

    // husky: the block inside the user's own hook.
    const husky = sb.repo("husky");
    mkdirSync(join(husky, ".husky/_"), { recursive: true });
    writeFileSync(join(husky, ".husky/pre-commit"), "npm test\n");
    sb.git(["config", "core.hooksPath", ".husky/_"], { cwd: husky });
    expect(sb.backpack(["setup"], { cwd: husky }).status).toBe(0);
    const huskyHook = join(husky, ".husky/pre-commit");
    const appended = readFileSync(huskyHook, "utf8");
    writeFileSync(huskyHook, older(appended));
    const huskyCheck = (await run(husky)).find((c) => c.label === "pre-commit hook");
    expect(huskyCheck).toMatchObject({ ok: false, advisory: true, detail: expect.stringContaining(huskyHook) });
    expect(sb.backpack(["setup"], { cwd: husky }).stdout).toContain("pre-commit hook: updated");
    expect(readFileSync(huskyHook, "utf8")).toBe(appended);
    expect((await run(husky)).find((c) => c.label === "pre-commit hook")?.ok).toBe(true);
  });

  it("has nothing to say outside a repository", async () => {
    expect(await run(sb.home)).toEqual([]);
  });
});
