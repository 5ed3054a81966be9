// Keychain pass (.ci/run): imported values go into the vault, whose values live in the key store.
/**
 * `backpack env import|export` with the built CLI: values move into the vault
 * and never show in output; placeholders land in agent.lock; the .env is
 * deleted, ignored or kept as asked; export writes a 0600 file that dotenv
 * reads back exactly, and refuses to print on a terminal.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, type Sandbox, STORE_NAME, makeSandbox } from "../helpers/sandbox.js";
import { runInPty } from "../helpers/pty.js";
import { assertHasSecrets, assertNoSecrets, assertNoValue, assertSameSecret, assertSameData, fakeSecret } from "../helpers/secrets.js";
import { putInVault, sandboxStore, sandboxVault } from "../helpers/vault.js";

describe("backpack env", () => {
  let sb: Sandbox;
  let openai: string;
  let quoted: string;
  let envFile: string;
  const vaultValue = (name: string) => sandboxVault(sb).get(name);
  const credentials = () => JSON.parse(sb.backpack(["show", "--json", "--layer", "credentials"]).stdout).credentials;

  beforeEach(() => {
    sb = makeSandbox();
    openai = fakeSecret("sk-proj");
    quoted = `${fakeSecret("pass")} with spaces # and a hash`;
    envFile = join(sb.root, ".env");
    writeFileSync(envFile, `# keys\nOPENAI_API_KEY=${openai}\nexport DB_PASSWORD="${quoted}"\nEMPTY=\nnot-valid=abc123\n`);
  });
  afterEach(() => sb.cleanup());

  it("moves values into the vault, writes placeholders (creating agent.lock), never prints a value", async () => {
    const r = sb.backpack(["env", "import"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`stored in your vault (${STORE_NAME} store): OPENAI_API_KEY, DB_PASSWORD`);
    expect(r.stdout).toMatch(/created agent\.lock with placeholders/);
    expect(r.stderr).toMatch(/skipped EMPTY: no value/);
    expect(r.stderr).toMatch(/skipped not-valid: not a valid credential name/);
    expect(r.stderr).toMatch(/kept \.env; pass --delete or --gitignore/);
    assertSameSecret(await vaultValue("OPENAI_API_KEY"), openai, "OPENAI_API_KEY in the vault");
    assertSameSecret(await vaultValue("DB_PASSWORD"), quoted, "DB_PASSWORD in the vault");
    expect(credentials()).toEqual({ DB_PASSWORD: { source: "vault" }, OPENAI_API_KEY: { source: "vault" } });
    assertNoSecrets([readFileSync(join(sb.root, "agent.lock"), "utf8")], [openai, quoted]);
    expect(existsSync(envFile)).toBe(true);
    // The names are listed by `backpack key list`.
    expect(sb.backpack(["key", "list"]).stdout).toMatch(/DB_PASSWORD[\s\S]*OPENAI_API_KEY/);
    assertNoSecrets([r.stdout, r.stderr], [openai, quoted]);
  });

  it("replaces embedded values with placeholders in an existing agent.lock", async () => {
    sb.backpack(["init", "--credentials", "OPENAI_API_KEY,OTHER"]);
    const { updateAgentFile } = await import("../../src/runtime/update.js");
    await updateAgentFile(join(sb.root, "agent.lock"), (doc) => {
      doc.credentials.OPENAI_API_KEY = { source: "embedded", value: "old-embedded-value", description: "main key" };
    }, { env: sb.env });
    const r = sb.backpack(["env", "import", "--keep"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/were embedded in agent\.lock, now read from the vault: OPENAI_API_KEY/);
    expect(credentials()).toEqual({
      DB_PASSWORD: { source: "vault" },
      OPENAI_API_KEY: { source: "vault", description: "main key" },
      OTHER: { source: "vault" },
    });
  });

  it("deletes the .env with --delete only when nothing would be lost", async () => {
    writeFileSync(envFile, `OPENAI_API_KEY=${openai}\n`);
    const r = sb.backpack(["env", "import", "--delete"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/deleted \.env/);
    expect(existsSync(envFile)).toBe(false);

    // The vault holds a different value: it is kept, and the .env is not deleted.
    const other = fakeSecret("sk-other");
    writeFileSync(envFile, `OPENAI_API_KEY=${other}\n`);
    const kept = sb.backpack(["env", "import", "--delete"]);
    expect(kept.status).toBe(2);
    expect(kept.stderr).toMatch(/your vault holds other values for OPENAI_API_KEY: kept them/);
    expect(kept.stderr).toMatch(/not deleting \.env: its values for OPENAI_API_KEY are not in the vault/);
    expect(existsSync(envFile)).toBe(true);
    assertSameSecret(await vaultValue("OPENAI_API_KEY"), openai, "OPENAI_API_KEY in the vault");
    const replaced = sb.backpack(["env", "import", "--overwrite", "--delete"]);
    expect(replaced.status, replaced.stderr).toBe(0);
    assertSameSecret(await vaultValue("OPENAI_API_KEY"), other, "OPENAI_API_KEY in the vault");
    expect(existsSync(envFile)).toBe(false);
    assertNoSecrets([r.stdout, r.stderr, kept.stdout, kept.stderr, replaced.stdout, replaced.stderr], [openai, other]);
  });

  it("adds the .env to .gitignore with --gitignore, once", () => {
    const repo = sb.repo();
    writeFileSync(join(repo, ".env"), `OPENAI_API_KEY=${openai}\n`);
    writeFileSync(join(repo, ".gitignore"), "node_modules");
    expect(sb.backpack(["env", "import", "--gitignore"], { cwd: repo }).stdout).toMatch(/added \.env to .*\.gitignore/);
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toBe("node_modules\n/.env\n");
    expect(sb.git(["check-ignore", ".env"], { cwd: repo }).stdout).toBe(".env\n");
    expect(sb.backpack(["env", "import", "--gitignore"], { cwd: repo }).stdout).toMatch(/already in/);
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toBe("node_modules\n/.env\n");
    expect(sb.backpack(["env", "import", "--gitignore", "--delete"], { cwd: repo }).status).toBe(2);
  });

  it("asks what to do with the .env on a terminal", () => {
    writeFileSync(envFile, `OPENAI_API_KEY=${openai}\n`);
    const r = runInPty([process.execPath, CLI, "env", "import"], {
      cwd: sb.root,
      env: sb.env,
      steps: [{ expect: "\\.env still holds the values in plain text\\. \\[d\\]elete / \\[g\\]itignore / \\[k\\]eep it\\?", send: "d\n" }],
    });
    expect(r.stepsDone).toBe(1);
    expect(r.status).toBe(0);
    expect(existsSync(envFile)).toBe(false);
    assertNoSecrets([r.output], [openai]);
  });

  it("exports the agent's credentials to a 0600 file that dotenv reads back exactly", async () => {
    sb.backpack(["init", "--credentials", "OPENAI_API_KEY,DB_PASSWORD,ABSENT"]);
    await putInVault(sb, "OPENAI_API_KEY", openai);
    await putInVault(sb, "DB_PASSWORD", quoted);
    const r = sb.backpack(["env", "export", "out.env"]);
    expect(r.status, r.stderr).toBe(0);
    const out = join(sb.root, "out.env");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    assertSameData(parse(readFileSync(out, "utf8")), { OPENAI_API_KEY: openai, DB_PASSWORD: quoted }, "out.env");
    expect(r.stderr).toMatch(/WARNING: 2 credential value\(s\) written in plain text to out\.env: DB_PASSWORD, OPENAI_API_KEY/);
    expect(r.stderr).toMatch(/not set, left out: ABSENT/);
    expect(r.stdout).toBe("");
    assertNoSecrets([r.stderr], [openai, quoted]);

    const again = sb.backpack(["env", "export", "out.env"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists\nhint: pass --force/);
    expect(sb.backpack(["env", "export", "out.env", "--force"]).status).toBe(0);

    // To a pipe: standard output.
    const piped = sb.backpack(["env", "export"]);
    assertSameData(parse(piped.stdout), { OPENAI_API_KEY: openai, DB_PASSWORD: quoted }, "standard output");
    expect(piped.stderr).toMatch(/WARNING: .* standard output/);
  });

  it("refuses to write the values into a git working tree where git does not ignore the file, unless --gitignore or --force", async () => {
    const repo = sb.repo();
    sb.backpack(["init", "--credentials", "OPENAI_API_KEY"], { cwd: repo });
    await putInVault(sb, "OPENAI_API_KEY", openai);
    const r = sb.backpack(["env", "export", ".env"], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^backpack: refusing to write credential values in plain text to \.env: it is in a git working tree and git does not ignore it\nhint: pass --gitignore/);
    expect(existsSync(join(repo, ".env"))).toBe(false);
    // A folder below the top of the tree: the same.
    mkdirSync(join(repo, "app"));
    expect(sb.backpack(["env", "export", "app/.env"], { cwd: repo }).status).toBe(2);
    expect(existsSync(join(repo, "app", ".env"))).toBe(false);

    // --force writes it, with the warning.
    const forced = sb.backpack(["env", "export", ".env", "--force"], { cwd: repo });
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/\.env is NOT ignored by git \(written because of --force\): add it to \.gitignore/);
    rmSync(join(repo, ".env"));

    // --gitignore adds it to .gitignore first, then writes it.
    const withIgnore = sb.backpack(["env", "export", "app/.env", "--gitignore"], { cwd: repo });
    expect(withIgnore.status, withIgnore.stderr).toBe(0);
    expect(readFileSync(join(repo, "app", ".gitignore"), "utf8")).toContain("/.env");
    expect(withIgnore.stderr).not.toMatch(/NOT ignored/);
    expect(sb.git(["check-ignore", "-q", "app/.env"], { cwd: repo, allowFail: true }).status).toBe(0);

    // Already ignored: written without --force.
    writeFileSync(join(repo, ".gitignore"), ".env\n");
    const ignored = sb.backpack(["env", "export", ".env"], { cwd: repo });
    expect(ignored.status, ignored.stderr).toBe(0);
    expect(ignored.stderr).not.toMatch(/NOT ignored/);
    // Standard output stays allowed anywhere.
    expect(sb.backpack(["env", "export", "--stdout"], { cwd: repo }).status).toBe(0);
    assertNoSecrets([r.stderr, forced.stderr, withIgnore.stderr, withIgnore.stdout, ignored.stderr], [openai]);
  });

  it("fails cleanly: an export into a missing folder, an import next to an agent.lock it cannot open", async () => {
    sb.backpack(["init", "--credentials", "OPENAI_API_KEY"]);
    const r = sb.backpack(["env", "export", "no/such/dir/out.env"]);
    expect(r.status).toBe(11);
    expect(r.stderr).toMatch(/^backpack: cannot write no\/such\/dir\/out\.env: its folder does not exist \(ENOENT\); the file was not changed\nhint: /);
    // The key for agent.lock is gone: nothing moves into the vault.
    const store = sandboxStore(sb);
    for (const account of await store.list()) await store.delete(account);
    const imported = sb.backpack(["env", "import"]);
    expect(imported.status).toBe(5);
    assertNoValue(await vaultValue("OPENAI_API_KEY"), "OPENAI_API_KEY in the vault");
    expect(existsSync(envFile)).toBe(true);
  });

  it("refuses to print values on a terminal unless --stdout", async () => {
    sb.backpack(["init", "--credentials", "OPENAI_API_KEY"]);
    await putInVault(sb, "OPENAI_API_KEY", openai);
    const refused = runInPty([process.execPath, CLI, "env", "export"], { cwd: sb.root, env: sb.env });
    expect(refused.status).toBe(2);
    expect(refused.output).toMatch(/refusing to print credential values on a terminal/);
    assertNoSecrets([refused.output], [openai]);
    const forced = runInPty([process.execPath, CLI, "env", "export", "--stdout"], { cwd: sb.root, env: sb.env });
    expect(forced.status).toBe(0);
    assertHasSecrets(forced.output, [`OPENAI_API_KEY=${openai}`], "the terminal");
  });
});
