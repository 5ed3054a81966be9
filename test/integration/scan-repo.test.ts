import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isBackpackError } from "../../src/errors/errors.js";
import { type ContextOptions, openScanContext } from "../../src/scan/context.js";
import { scanHistory } from "../../src/scan/history.js";
import { fingerprintOf } from "../../src/scan/scanner.js";
import { scanStaged } from "../../src/scan/staged.js";
import { scanWorktree } from "../../src/scan/worktree.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

const GITHUB = expandFake("ghp_«A36»", "repo-github");
const STRIPE = expandFake("sk_live_«A24»", "repo-stripe");
const EMBEDDED = expandFake("«A16»-«A16»", "repo-embedded");

const workingLock = (value: string) => `${JSON.stringify({ version: 2, credentials: { PAYMENT_KEY: { source: "embedded", value } }, personality: {}, memory: {} }, null, 2)}\n`;
const storedLock = `${JSON.stringify({ backpack: "agent.lock", version: 2, cipher: "aes-256-gcm-hsiv", key: "0123456789abcdef", layers: { credentials: "v2.j.QUJD", personality: "v2.j.REVG", memory: "v2.z.R0hJ" } }, null, 2)}\n`;

describe("scanning a repository", () => {
  let sb: Sandbox;
  let repo: string;
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  };
  const context = (extra: Partial<ContextOptions> = {}) => openScanContext({ cwd: repo, env: sb.env, ...extra });
  const commitAll = (message: string) => {
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-q", "--no-verify", "-m", message], { cwd: repo });
    return sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
  };

  beforeEach(() => {
    sb = makeSandbox();
    repo = sb.repo();
  });
  afterEach(() => sb.cleanup());

  describe("the staged change", () => {
    it("counts only the lines it adds to a file that already had a secret", async () => {
      write("app.py", `OLD = "${GITHUB}"\n`);
      commitAll("old secret");
      write("app.py", `OLD = "${GITHUB}"\nNEW = "${STRIPE}"\n`);
      sb.git(["add", "app.py"], { cwd: repo });
      const report = scanStaged(await context());
      expect(report.findings.map((f) => [f.file, f.line, f.rule])).toEqual([["app.py", 2, "stripe-secret-key"]]);
      expect(report.scanned).toBe(1);
    });

    it("reads the old side from a pack the same as a loose one (staged blobs are read from the object folder)", async () => {
      write("app.py", `OLD = "${GITHUB}"\n`);
      commitAll("old secret");
      // After gc, HEAD's version is in a pack: only cat-file can read it; the staged one stays loose.
      sb.git(["gc", "-q"], { cwd: repo });
      write("app.py", `OLD = "${GITHUB}"\nNEW = "${STRIPE}"\n`);
      sb.git(["add", "app.py"], { cwd: repo });
      const report = scanStaged(await context());
      expect(report.findings.map((f) => [f.file, f.line, f.rule])).toEqual([["app.py", 2, "stripe-secret-key"]]);
    });

    it("scans every line of a new file, in the first commit too", async () => {
      write("a/b c.py", `X = "${GITHUB}"\n`);
      sb.git(["add", "-A"], { cwd: repo });
      expect(scanStaged(await context()).findings.map((f) => f.file)).toEqual(["a/b c.py"]);
    });

    it("reads the index, not the working tree", async () => {
      write("app.py", `X = "${GITHUB}"\n`);
      sb.git(["add", "app.py"], { cwd: repo });
      write("app.py", "X = 1\n");
      expect(scanStaged(await context()).findings).toHaveLength(1);
      write("clean.py", `X = "${STRIPE}"\n`);
      expect(scanStaged(await context()).findings.map((f) => f.file)).toEqual(["app.py"]);
    });

    it("skips files over the size limit, and says so", async () => {
      write("big.txt", `${"x".repeat(5000)}\n${GITHUB}\n`);
      write("small.py", `X = "${STRIPE}"\n`);
      sb.git(["add", "-A"], { cwd: repo });
      const report = scanStaged(await context({ maxBytes: 4096 }));
      expect(report.findings.map((f) => f.file)).toEqual(["small.py"]);
      expect(report.skippedLarge).toBe(1);
      expect(scanStaged(await context()).findings.map((f) => f.file).sort()).toEqual(["big.txt", "small.py"]);
    });

    it("skips binary files and deleted files", async () => {
      write("gone.py", `X = "${GITHUB}"\n`);
      commitAll("to delete");
      sb.git(["rm", "-q", "gone.py"], { cwd: repo });
      write("image.bin", Buffer.concat([Buffer.from([0x89, 0x50, 0x00]), Buffer.from(GITHUB)]));
      sb.git(["add", "-A"], { cwd: repo });
      const report = scanStaged(await context());
      expect(report.findings).toEqual([]);
      expect(report.skippedBinary).toBe(1);
    });

    it("blocks an agent.lock the filter covers unless it is in stored form, and a *.lock in working form", async () => {
      write(".gitattributes", "agent.lock filter=backpack diff=backpack merge=backpack\n");
      write("agent.lock", workingLock(EMBEDDED));
      write("deploy/agent.lock", storedLock);
      write("other/settings.lock", workingLock(EMBEDDED));
      write("yarn.lock", "# yarn lockfile v1\n");
      sb.git(["add", "-A"], { cwd: repo });
      const ctx = await context();
      expect([...ctx.covered].sort()).toEqual(["agent.lock", "deploy/agent.lock"]);
      const findings = scanStaged(ctx).findings;
      expect(findings.map((f) => [f.file, f.rule, f.preview])).toEqual([
        ["agent.lock", "agent-lock-plaintext", "plaintext (working form)"],
        ["other/settings.lock", "agent-lock-plaintext", "plaintext (working form)"],
      ]);
    });

    it("knows the embedded credentials of the working agent.lock files, in any staged file", async () => {
      write(".gitattributes", "agent.lock filter=backpack\n");
      write("agent.lock", storedLock);
      commitAll("stored agent.lock");
      // The working copy is plaintext (as after a smudge); its values are known secrets.
      write("agent.lock", workingLock(EMBEDDED));
      write("config/app.yaml", `payment:\n  key: ${EMBEDDED}\n`);
      write("notes.txt", `basic ${Buffer.from(`u:${EMBEDDED}`).toString("base64")}\n`);
      sb.git(["add", "config", "notes.txt"], { cwd: repo });
      const findings = scanStaged(await context()).findings;
      expect(findings.map((f) => [f.file, f.rule])).toEqual([
        ["config/app.yaml", "known-secret"],
        ["notes.txt", "known-secret"],
      ]);
      expect(findings[0]?.fingerprint).toBe(fingerprintOf(EMBEDDED));
    });

    it("works in a linked worktree, from a subfolder, and with a temporary index (git commit -a)", async () => {
      write("README.md", "x\n");
      commitAll("init");
      const linked = join(sb.root, "linked");
      sb.git(["worktree", "add", "-q", linked], { cwd: repo });
      mkdirSync(join(linked, "src"));
      writeFileSync(join(linked, "src/a.py"), `X = "${GITHUB}"\n`);
      sb.git(["add", "-A"], { cwd: linked });
      const ctx = await openScanContext({ cwd: join(linked, "src"), env: sb.env });
      expect(ctx.root).toBe(linked);
      expect(scanStaged(ctx).findings.map((f) => f.file)).toEqual(["src/a.py"]);
      // `git commit -a` stages into a temporary index named by GIT_INDEX_FILE.
      const temp = join(sb.root, "temp-index");
      sb.git(["read-tree", "HEAD"], { cwd: repo, env: { GIT_INDEX_FILE: temp } });
      write("README.md", `y ${STRIPE}\n`);
      sb.git(["add", "README.md"], { cwd: repo, env: { GIT_INDEX_FILE: temp } });
      expect(scanStaged(await context()).findings).toEqual([]);
      const withTemp = await openScanContext({ cwd: repo, env: { ...sb.env, GIT_INDEX_FILE: temp } });
      expect(scanStaged(withTemp).findings.map((f) => f.rule)).toEqual(["stripe-secret-key"]);
    });

    it("takes known values handed in (the vault's)", async () => {
      const vaultValue = expandFake("«a20»", "repo-vault");
      write("x.txt", `value ${vaultValue}\n`);
      sb.git(["add", "-A"], { cwd: repo });
      expect(scanStaged(await context({ knownValues: [vaultValue] })).findings.map((f) => f.rule)).toEqual(["known-secret"]);
    });

    it("follows the allow-list and baseline in backpack.toml", async () => {
      write("fixtures/a.py", `X = "${GITHUB}"\n`);
      write("src/b.py", `X = "${STRIPE}"\n`);
      write("src/c.py", `Y = "${GITHUB}"\n`);
      sb.git(["add", "-A"], { cwd: repo });
      expect((scanStaged(await context())).findings).toHaveLength(3);
      write("backpack.toml", `[scan]\nallow_paths = ["fixtures/**"]\nallow_fingerprints = ["${fingerprintOf(STRIPE)}"]\n`);
      expect(scanStaged(await context()).findings.map((f) => f.file)).toEqual(["src/c.py"]);
      write("backpack.toml", '[scan]\nallow_rules = ["github-token"]\n');
      expect(scanStaged(await context()).findings.map((f) => f.file)).toEqual(["src/b.py"]);
      write("baseline.json", JSON.stringify({ version: 1, findings: [{ file: "src/b.py", rule: "stripe-secret-key", line: 1, fingerprint: fingerprintOf(STRIPE) }] }));
      write("backpack.toml", '[scan]\nallow_rules = ["github-token"]\nbaseline = "baseline.json"\n');
      expect(scanStaged(await context()).findings).toEqual([]);
    });

    it("fails closed on a missing or damaged baseline", async () => {
      const codeOf = async (options: Partial<ContextOptions>) => {
        try {
          await context(options);
          return "none";
        } catch (error) {
          return isBackpackError(error) ? error.code : "other";
        }
      };
      expect(await codeOf({ baseline: "nope.json" })).toBe("NOT_FOUND");
      write("bad.json", "{");
      expect(await codeOf({ baseline: "bad.json" })).toBe("INVALID_FILE");
      write("wrong.json", '{"version": 2, "findings": []}');
      expect(await codeOf({ baseline: "wrong.json" })).toBe("INVALID_FILE");
    });
  });

  describe("history", () => {
    it("finds each secret once, with the commit that introduced it, oldest first", async () => {
      write("a.py", "X = 1\n");
      commitAll("clean");
      write("a.py", `X = "${GITHUB}"\n`);
      const first = commitAll("leak github");
      write("a.py", `X = "${GITHUB}"\nY = 2\n`);
      commitAll("touch");
      sb.git(["checkout", "-q", "-b", "side"], { cwd: repo });
      write("b.py", `S = "${STRIPE}"\n`);
      const side = commitAll("leak stripe on a branch");
      sb.git(["checkout", "-q", "main"], { cwd: repo });
      write("a.py", "X = 1\n");
      commitAll("remove it");
      const report = scanHistory(await context());
      expect(report.findings.map((f) => [f.commit, f.file, f.rule])).toEqual([
        [first, "a.py", "github-token"],
        [side, "b.py", "stripe-secret-key"],
      ]);
    });

    it("reads blobs in chunks without changing what it finds", async () => {
      for (let i = 0; i < 6; i++) {
        write(`f${i}.py`, `X${i} = "${expandFake("ghp_«A36»", `chunk-${i}`)}"\n${"# filler\n".repeat(50)}`);
        commitAll(`commit ${i}`);
      }
      const ctx = await context();
      const whole = scanHistory(ctx);
      const chunked = scanHistory(ctx, 600);
      expect(whole.findings).toHaveLength(6);
      expect(chunked.findings).toEqual(whole.findings);
      expect(chunked.scanned).toBe(whole.scanned);
    });

    it("checks committed agent.lock files were stored encrypted", async () => {
      write(".gitattributes", "agent.lock filter=backpack\n");
      write("agent.lock", workingLock(EMBEDDED));
      const bad = commitAll("plaintext agent.lock (no filter)");
      write("agent.lock", storedLock);
      commitAll("fixed");
      const report = scanHistory(await context());
      expect(report.findings.map((f) => [f.commit, f.file, f.rule])).toEqual([[bad, "agent.lock", "agent-lock-plaintext"]]);
    });

    it("skips binary blobs and is empty for a repository without commits", async () => {
      expect(scanHistory(await context()).findings).toEqual([]);
      write("blob.bin", Buffer.concat([Buffer.from([0]), Buffer.from(GITHUB)]));
      commitAll("binary");
      const report = scanHistory(await context());
      expect(report.findings).toEqual([]);
      expect(report.skippedBinary).toBe(1);
    });
  });

  describe("the working tree", () => {
    it("scans tracked and untracked files but not ignored ones, nor the agent.lock the filter covers", async () => {
      write(".gitignore", "ignored.py\n");
      write(".gitattributes", "agent.lock filter=backpack\n");
      write("tracked.py", `X = "${GITHUB}"\n`);
      commitAll("tracked");
      write("untracked.py", `X = "${STRIPE}"\n`);
      write("ignored.py", `X = "${STRIPE}"\n`);
      write("agent.lock", workingLock(EMBEDDED));
      sb.git(["add", "agent.lock"], { cwd: repo });
      write("copy.txt", EMBEDDED);
      const report = scanWorktree(await context(), repo, []);
      expect(report.findings.map((f) => [f.file, f.rule]).sort()).toEqual([
        ["copy.txt", "known-secret"],
        ["tracked.py", "github-token"],
        ["untracked.py", "stripe-secret-key"],
      ]);
    });

    it("limits itself to the paths named, from a subfolder too", async () => {
      write("src/a.py", `X = "${GITHUB}"\n`);
      write("docs/b.md", `token ${STRIPE}\n`);
      const ctx = await context();
      expect(scanWorktree(ctx, repo, ["docs"]).findings.map((f) => f.file)).toEqual(["docs/b.md"]);
      expect(scanWorktree(ctx, join(repo, "src"), ["."]).findings.map((f) => f.file)).toEqual(["src/a.py"]);
    });

    it("walks plain folders outside git", async () => {
      const plain = join(sb.root, "plain");
      mkdirSync(join(plain, "node_modules/x"), { recursive: true });
      writeFileSync(join(plain, "a.py"), `X = "${GITHUB}"\n`);
      writeFileSync(join(plain, "node_modules/x/b.py"), `X = "${STRIPE}"\n`);
      const ctx = await openScanContext({ cwd: plain, env: sb.env });
      expect(ctx.inRepo).toBe(false);
      expect(scanWorktree(ctx, plain, []).findings.map((f) => f.file)).toEqual(["a.py"]);
    });
  });
});
