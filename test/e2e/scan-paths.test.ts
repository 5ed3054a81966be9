import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

// `backpack scan PATHS` reads every path it is given, or fails: a scanner never reports
// clean for what it did not read (issue #12). Driven through the built CLI, as a user runs it.

const TOKEN = expandFake("ghp_«A36»", "scan-paths-token");

describe("backpack scan PATHS", () => {
  let sb: Sandbox;
  let plain: string;
  beforeEach(() => {
    sb = makeSandbox();
    plain = join(sb.root, "plain folder");
    mkdirSync(join(plain, "src"), { recursive: true });
    writeFileSync(join(plain, "src/settings.py"), `GITHUB_TOKEN = "${TOKEN}"\n`);
  });
  afterEach(() => sb.cleanup());

  it("outside a repository, an absolute path is read and its secret reported", () => {
    const r = sb.backpack(["scan", plain], { cwd: sb.home });
    expect(r.status, r.stderr).toBe(7);
    expect(r.stdout).toContain("settings.py:1:17  github-token");
    expect(r.stdout).toContain("1 file scanned");
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("outside a repository, a relative path and a single file are read", () => {
    expect(sb.backpack(["scan", "src"], { cwd: plain }).status).toBe(7);
    const file = sb.backpack(["scan", "--json", join(plain, "src/settings.py")], { cwd: sb.home });
    expect(file.status, file.stderr).toBe(7);
    expect(JSON.parse(file.stdout).summary).toMatchObject({ findings: 1, scanned: 1 });
  });

  it("a mistyped path is an error with exit code 3, in or out of a repository", () => {
    const outside = sb.backpack(["scan", join(plain, "srcc")], { cwd: sb.home });
    expect(outside.status).toBe(3);
    expect(outside.stderr).toContain("no such file or folder");
    expect(outside.stdout).not.toContain("no secrets");
    const repo = sb.repo();
    const inside = sb.backpack(["scan", "does-not-exist.py"], { cwd: repo });
    expect(inside.status).toBe(3);
    expect(inside.stderr).toContain("cannot scan does-not-exist.py");
  });

  it("in a repository, a folder outside it is read too (it was exit 8)", () => {
    const repo = sb.repo();
    const r = sb.backpack(["scan", plain], { cwd: repo });
    expect(r.status, r.stderr).toBe(7);
    expect(r.stdout).toContain("github-token");
  });

  it("in a repository, a file named explicitly is read even when git ignores it", () => {
    const repo = sb.repo();
    writeFileSync(join(repo, ".gitignore"), "local.py\n");
    writeFileSync(join(repo, "local.py"), `GITHUB_TOKEN = "${TOKEN}"\n`);
    expect(sb.backpack(["scan"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["scan", "local.py"], { cwd: repo }).status).toBe(7);
  });

  it("--history with a broken ref is an error, not 'no secrets' (exit 8)", () => {
    const repo = sb.repo();
    writeFileSync(join(repo, "a.txt"), "hello\n");
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "one"], { cwd: repo });
    writeFileSync(join(repo, ".git/refs/heads/broken"), `${"1".repeat(40)}\n`);
    const r = sb.backpack(["scan", "--history"], { cwd: repo });
    expect(r.status).toBe(8);
    expect(r.stderr).toContain("cannot read the history");
    expect(r.stdout).not.toContain("no secrets");
  });

  it("--history in a repository without commits finds nothing, and says so", () => {
    const repo = sb.repo();
    const r = sb.backpack(["scan", "--history"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("no secrets found");
  });
});
