// Keychain pass (.ci/run): migrated keys and values land in the key store.
/**
 * `backpack migrate` through the built CLI on the format 1.0 fixtures (written
 * by an independent Python implementation): outside a repository (stored form),
 * in a repository wired by setup (working form), refusals, and backups.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertHasSecrets } from "../helpers/secrets.js";

const FIXTURES = join(PROJECT_ROOT, "fixtures/v1");

interface Expected {
  passphrase: string;
  layers: { credentials: Record<string, string>; personality: object; memory: object };
  metadata?: Record<string, unknown>;
}
const expected = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), "utf8")) as Expected;
const passEnv = (name: string) => {
  const { passphrase } = expected(name);
  return passphrase === "default-key" ? {} : { AGENT_MASTER_KEY: passphrase };
};
const secretsOf = (name: string) => Object.values(expected(name).layers.credentials).filter((v) => v.length > 8 && !/^(placeholder|<|\$\{|your-)/.test(v));

describe("backpack migrate", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it.each(["default", "custom-passphrase", "credentials", "unicode"])("migrates %s outside a repository to the stored form, keeping a backup", (name) => {
    const file = join(sb.root, "agent.lock");
    copyFileSync(join(FIXTURES, `${name}.agent.lock`), file);
    const original = readFileSync(file, "utf8");
    const env = passEnv(name);
    const r = sb.backpack(["migrate"], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^migrated agent\.lock from format 1\.0 to format 3 \(stored form, encrypted with key [0-9a-f]{16}/);
    expect(r.stdout).toContain(`backup of the format 1.0 file: ${file}.v1.bak`);
    expect(readFileSync(`${file}.v1.bak`, "utf8")).toBe(original);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/"backpack": "agent.lock",\n {2}"version": 3,/);
    for (const secret of secretsOf(name)) {
      expect(text.includes(secret)).toBe(false);
      expect((r.stdout + r.stderr).includes(secret)).toBe(false);
    }

    const shown = sb.backpack(["show", "--json", "--show-secrets"], { env });
    expect(shown.status, shown.stderr).toBe(0);
    const doc = JSON.parse(shown.stdout);
    const exp = expected(name);
    expect(doc.personality).toEqual(exp.layers.personality);
    expect(doc.memory).toEqual(exp.layers.memory);
    expect(Object.keys(doc.credentials).sort()).toEqual(Object.keys(exp.layers.credentials).sort());
    const embedded = Object.values(doc.credentials as Record<string, { source: string; value?: string }>).flatMap((c) => (c.source === "embedded" && c.value !== undefined ? [c.value] : []));
    assertHasSecrets(embedded, secretsOf(name), "the embedded values");
  });

  it("says which credentials stay embedded and which come from the vault, and what to add", () => {
    copyFileSync(join(FIXTURES, "credentials.agent.lock"), join(sb.root, "agent.lock"));
    expect(sb.backpack(["key", "add", "GITHUB_TOKEN"], { input: "gh-value" }).status).toBe(0);
    const r = sb.backpack(["migrate"]);
    expect(r.stdout).toContain("credentials: 3 embedded (OPENAI_API_KEY, AWS_ACCESS_KEY_ID, DATABASE_URL), 5 from your vault");
    expect(r.stdout).toContain('metadata: now the "agent" section');
    expect(r.stderr).toContain("`backpack key add ANTHROPIC_API_KEY`");
    expect(r.stderr).not.toContain("`backpack key add GITHUB_TOKEN`");
  });

  it("git's textconv shows a format 1.0 file decrypted (its passphrase from the master key variable), credentials redacted", () => {
    for (const name of ["default", "custom-passphrase"]) {
      const r = sb.backpack(["git", "textconv", join(FIXTURES, `${name}.agent.lock`)], { env: passEnv(name) });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^# agent\.lock \(format 1\.0, decrypted; upgrade it with `backpack migrate`\)\n/);
      expect(r.stdout).toMatch(/^ {2}"personality": \{$/m);
      for (const secret of secretsOf(name)) expect(r.stdout.includes(secret)).toBe(false);
    }
    // With the wrong passphrase it is shown locked, not as an error.
    const wrong = sb.backpack(["git", "textconv", join(FIXTURES, "custom-passphrase.agent.lock")]);
    expect(wrong.status, wrong.stderr).toBe(0);
    expect(wrong.stdout).not.toMatch(/decrypted/);
  });

  it("upgrades a format 2 file (golden fixture) to format 3 with the same content, keeping a backup", () => {
    const golden = join(PROJECT_ROOT, "fixtures/golden");
    const input = JSON.parse(readFileSync(join(golden, "basic.input.json"), "utf8")) as { key: string; document: unknown };
    copyFileSync(join(golden, "basic.stored.lock"), join(sb.root, "agent.lock"));
    const env = { AGENT_MASTER_KEY: input.key };
    const r = sb.backpack(["migrate"], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^migrated agent\.lock from format 2 to format 3 \(stored form, encrypted with key [0-9a-f]{16}/);
    const text = readFileSync(join(sb.root, "agent.lock"), "utf8");
    expect(text).toMatch(/"version": 3,\n/);
    expect(text).toMatch(/"mac": "[A-Za-z0-9_-]{43}"/);
    const shown = sb.backpack(["show", "--json", "--reveal"], { env });
    if (shown.status === 0) expect(JSON.parse(shown.stdout)).toMatchObject({ credentials: (input.document as { credentials: unknown }).credentials });
    expect(readFileSync(join(sb.root, "agent.lock.v2.bak"), "utf8")).toBe(readFileSync(join(golden, "basic.stored.lock"), "utf8"));
    expect(sb.backpack(["migrate"], { env }).status).toBe(2);
  });

  it("refuses a file that is already format 3, changing nothing", () => {
    expect(sb.backpack(["init"]).status).toBe(0);
    const before = readFileSync(join(sb.root, "agent.lock"), "utf8");
    const r = sb.backpack(["migrate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^backpack: agent\.lock is already format 3 \(stored form, key [0-9a-f]{16}\): nothing to migrate\nhint: /);
    expect(readFileSync(join(sb.root, "agent.lock"), "utf8")).toBe(before);
    expect(readdirSync(sb.root).filter((f) => f.includes(".bak"))).toEqual([]);
  });

  it("a wrong passphrase fails as WRONG_KEY (exit 5), changing nothing and leaving no backup", () => {
    copyFileSync(join(FIXTURES, "custom-passphrase.agent.lock"), join(sb.root, "agent.lock"));
    const r = sb.backpack(["migrate"], { env: { AGENT_MASTER_KEY: "not it" } });
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/cannot be decrypted with this passphrase\nhint: set AGENT_MASTER_KEY/);
    expect(readFileSync(join(sb.root, "agent.lock"))).toEqual(readFileSync(join(FIXTURES, "custom-passphrase.agent.lock")));
    expect(existsSync(join(sb.root, "agent.lock.v1.bak"))).toBe(false);
  });

  it("a truncated file fails as INVALID_FILE (exit 4), unchanged", () => {
    const text = readFileSync(join(FIXTURES, "default.agent.lock"), "utf8").slice(0, 300);
    const file = join(sb.root, "agent.lock");
    copyFileSync(join(FIXTURES, "default.agent.lock"), file);
    writeFileSync(file, text);
    const r = sb.backpack(["migrate"]);
    expect(r.status).toBe(4);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("in a repository wired by setup: the working form, and the backup in the git dir, out of the working tree", () => {
    const repo = sb.repo();
    // What setup records (the filters themselves are not needed for this test).
    sb.git(["config", "filter.backpack.process", "backpack git filter-process"], { cwd: repo });
    writeFileSync(join(repo, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
    copyFileSync(join(FIXTURES, "credentials.agent.lock"), join(repo, "agent.lock"));
    const r = sb.backpack(["migrate"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(working form: git encrypts it on commit\)/);
    const doc = JSON.parse(readFileSync(join(repo, "agent.lock"), "utf8"));
    expect(doc.version).toBe(2);
    expect(doc.agent.name).toBe("deploy-bot");
    const backups = readdirSync(join(repo, ".git/backpack/backups"));
    expect(backups).toEqual(["agent.lock.v1.bak"]);
    expect(r.stdout).toContain(join(repo, ".git/backpack/backups/agent.lock.v1.bak"));
    // Nothing beside agent.lock appeared in the working tree.
    expect(sb.git(["status", "--porcelain", "--untracked-files=all"], { cwd: repo }).stdout).toBe("?? .gitattributes\n?? agent.lock\n");
  });

  it("in a repository with a key but not wired: the stored form with the repository's key", () => {
    const repo = sb.repo();
    sb.backpack(["init"], { cwd: sb.root });
    const line = sb.backpack(["key", "export"]).stdout;
    const imported = sb.backpack(["key", "import"], { cwd: repo, input: line });
    const fingerprint = /key ([0-9a-f]{16})/.exec(imported.stdout)?.[1];
    copyFileSync(join(FIXTURES, "default.agent.lock"), join(repo, "agent.lock"));
    const r = sb.backpack(["migrate"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`encrypted with key ${fingerprint}`);
    expect(existsSync(join(repo, ".git/backpack/backups/agent.lock.v1.bak"))).toBe(true);
  });

  it("migrates a named file in another folder", () => {
    const dir = join(sb.root, "agents");
    mkdirSync(dir);
    copyFileSync(join(FIXTURES, "default.agent.lock"), join(dir, "agent.lock"));
    const r = sb.backpack(["migrate", "agents/agent.lock"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^migrated agents\/agent\.lock/);
    expect(existsSync(join(dir, "agent.lock.v1.bak"))).toBe(true);
  });
});
