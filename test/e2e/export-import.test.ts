// Keychain pass (.ci/run): repo keys move between machines through their key stores.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backpackPty, stripAnsi } from "../helpers/pty.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, assertSameData, hideSecrets } from "../helpers/secrets.js";

const PASS = "tide pool lantern 7";
/** A fake embedded value; it must never show in output or in the bundle's text. */
const EMBEDDED = "sk-proj-FAKEembeddedValue0123456789abcdefXYZ";

describe("backpack export / import", () => {
  let here: Sandbox;
  let there: Sandbox;
  const doc = {
    version: 2,
    agent: { name: "Support Bot" },
    credentials: { OPENAI_API_KEY: { source: "vault" }, DEPLOY_TOKEN: { source: "embedded", value: EMBEDDED } },
    personality: { system_prompt: "You are kind.", tone: "warm" },
    memory: { faq: ["reset password"], visits: 3 },
  };
  let quickstarted: Sandbox;
  beforeAll(() => {
    quickstarted = makeSandbox();
    const made = quickstarted.backpack(["quickstart", "--non-interactive", "--name", "Support Bot", "--credentials", "OPENAI_API_KEY"]);
    expect(made.status, made.stderr).toBe(0);
  });
  afterAll(() => quickstarted.cleanup());
  beforeEach(() => {
    here = makeSandbox();
    there = makeSandbox();
    // agent.lock is a working form the test controls (commands read either form), beside quickstart's scripts.
    for (const name of ["agent.py", "backpack_agent.py"]) cpSync(join(quickstarted.root, name), join(here.root, name));
    writeFileSync(join(here.root, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
  });
  afterEach(() => {
    here.cleanup();
    there.cleanup();
  });

  const showJson = (sb: Sandbox, file: string) => {
    const r = sb.backpack(["show", "--json", "--show-secrets", file]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  it("moves an agent and its script to another machine under a passphrase read from stdin", () => {
    const exported = here.backpack(["export"], { input: `${PASS}\n` });
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^exported "Support Bot" to support-bot\.backpack \(agent\.lock, agent\.py, backpack_agent\.py\)\n1 embedded credential value is inside the bundle/);
    expect(exported.stdout).toMatch(/1 credential travels by name only \(its value is in your keychain or environment\): add it on the other machine with `backpack key add`/);
    const bundlePath = join(here.root, "support-bot.backpack");
    expect(statSync(bundlePath).mode & 0o777).toBe(0o600);
    const text = readFileSync(bundlePath, "utf8");
    assertNoSecrets([text], [EMBEDDED, "You are kind", "reset password", "Support Bot", "print("]);
    assertNoSecrets([exported.stdout, exported.stderr], [EMBEDDED, PASS]);

    writeFileSync(join(there.root, "b.backpack"), text);
    const imported = there.backpack(["import", "b.backpack", "--dir", "bot"], { input: `${PASS}\n` });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/created bot\/agent\.lock \(encrypted\)\n.*created bot\/agent\.py/);
    expect(imported.stdout).toMatch(/backpack key add OPENAI_API_KEY/);
    expect(imported.stdout).not.toMatch(/key add DEPLOY_TOKEN/);
    assertNoSecrets([imported.stdout, imported.stderr], [EMBEDDED, PASS]);
    // Stored form under the other machine's own key, with every layer intact.
    const lock = readFileSync(join(there.root, "bot/agent.lock"), "utf8");
    expect(lock).toContain('"backpack": "agent.lock"');
    assertNoSecrets([lock], [EMBEDDED]);
    assertSameData(showJson(there, "bot/agent.lock"), showJson(here, "agent.lock"), "the imported agent");
    expect(readFileSync(join(there.root, "bot/agent.py"))).toEqual(readFileSync(join(here.root, "agent.py")));
    expect(statSync(join(there.root, "bot/agent.py")).mode & 0o111).not.toBe(0);
    // The helper module agent.py imports travels with it, so the imported agent runs.
    expect(readFileSync(join(there.root, "bot/backpack_agent.py"))).toEqual(readFileSync(join(here.root, "backpack_agent.py")));
    const run = spawnSync("python3", ["agent.py"], { cwd: join(there.root, "bot"), env: there.env, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Support Bot \(run 1\)\n[\s\S]*\[dry run\]/);
  });

  it("writes the working form when imported into a wired repository, and takes --passphrase-env", () => {
    const exported = here.backpack(["export", "a.backpack", "--passphrase-env", "BUNDLE_PASS", "--no-script"], { env: { BUNDLE_PASS: PASS } });
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/to a\.backpack \(agent\.lock\)/);
    const repo = there.repo();
    there.git(["config", "filter.backpack.clean", "backpack git clean"], { cwd: repo });
    writeFileSync(join(repo, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
    writeFileSync(join(repo, "a.backpack"), readFileSync(join(here.root, "a.backpack")));
    const imported = there.backpack(["import", "a.backpack", "--passphrase-env", "BUNDLE_PASS", "--non-interactive"], { cwd: repo, env: { BUNDLE_PASS: PASS } });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/working form: git encrypts it on commit/);
    expect(readdirSync(repo).sort()).toEqual([".git", ".gitattributes", "a.backpack", "agent.lock"]);
    expect(JSON.parse(readFileSync(join(repo, "agent.lock"), "utf8")).memory).toEqual({ faq: ["reset password"], visits: 3 });
  });

  it("streams through stdout and stdin", () => {
    const exported = here.backpack(["export", "-", "--passphrase-env", "P"], { env: { P: PASS } });
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^\{\n {2}"backpack": "bundle",/);
    expect(exported.stderr).toMatch(/exported "Support Bot" to stdout/);
    const imported = there.backpack(["import", "-", "--passphrase-env", "P"], { env: { P: PASS }, input: exported.stdout });
    expect(imported.status, imported.stderr).toBe(0);
    expect(showJson(there, "agent.lock").memory).toEqual({ faq: ["reset password"], visits: 3 });
    const needsEnv = there.backpack(["import", "-"], { input: exported.stdout });
    expect(needsEnv.status).toBe(2);
    expect(needsEnv.stderr).toMatch(/needs --passphrase-env/);
  });

  it("gives one clear error for a wrong passphrase, a changed byte, a cut file; and writes nothing", () => {
    expect(here.backpack(["export", "a.backpack"], { input: `${PASS}\n` }).status).toBe(0);
    const text = readFileSync(join(here.root, "a.backpack"), "utf8");
    const bundle = JSON.parse(text);
    const flipped = bundle.data[40] === "A" ? "B" : "A";
    writeFileSync(join(there.root, "ok.backpack"), text);
    writeFileSync(join(there.root, "tampered.backpack"), JSON.stringify({ ...bundle, data: bundle.data.slice(0, 40) + flipped + bundle.data.slice(41) }));
    writeFileSync(join(there.root, "cut.backpack"), text.slice(0, text.length / 2));

    const wrong = there.backpack(["import", "ok.backpack"], { input: "tide pool lantern 8\n" });
    expect([wrong.status, wrong.stderr]).toEqual([5, "backpack: wrong passphrase for ok.backpack\nhint: use the passphrase given at `backpack export` (it is case-sensitive)\n"]);
    const tampered = there.backpack(["import", "tampered.backpack"], { input: `${PASS}\n` });
    expect(tampered.status).toBe(6);
    expect(tampered.stderr).toMatch(/^backpack: tampered\.backpack failed authentication: it was modified or truncated\nhint: /);
    const cut = there.backpack(["import", "cut.backpack"], { input: `${PASS}\n` });
    expect(cut.status).toBe(4);
    expect(cut.stderr).toMatch(/^backpack: cut\.backpack is not a backpack bundle \(not valid JSON/);
    const notBundle = there.backpack(["import", "agent.lock"], { cwd: here.root, input: `${PASS}\n` });
    expect(notBundle.status).toBe(4);
    expect(notBundle.stderr).toMatch(/agent\.lock is not a backpack bundle\nhint: name a file made by `backpack export`/);
    const missing = there.backpack(["import", "nope.backpack"]);
    expect(missing.status).toBe(3);
    for (const r of [wrong, tampered, cut]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(there.root).filter((f) => f.endsWith(".lock"))).toEqual([]);
  });

  it("never overwrites without --force, and refuses weak or missing passphrases", () => {
    expect(here.backpack(["export", "a.backpack"], { input: `${PASS}\n` }).status).toBe(0);
    const again = here.backpack(["export", "a.backpack"], { input: `${PASS}\n` });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/a\.backpack already exists\nhint: pass --force/);
    expect(here.backpack(["export", "a.backpack", "--force"], { input: `${PASS}\n` }).status).toBe(0);

    const into = here.backpack(["import", "a.backpack"], { input: `${PASS}\n` });
    expect(into.status).toBe(2);
    expect(into.stderr).toMatch(/agent\.lock, agent\.py, backpack_agent\.py already exist in \./);
    const forced = here.backpack(["import", "a.backpack", "--force"], { input: `${PASS}\n` });
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(join(here.root, "agent.lock.bak"))).toBe(true);

    const short = here.backpack(["export", "b.backpack"], { input: "short\n" });
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/New passphrase for the bundle: use at least 8 characters/);
    assertNoSecrets([short.stderr], ["short\n"]);
    const unset = here.backpack(["export", "b.backpack", "--passphrase-env", "NOT_SET"]);
    expect(unset.stderr).toMatch(/NOT_SET is not set/);
    const ci = here.backpack(["export", "b.backpack"], { env: { CI: "true" } });
    expect(ci.status).toBe(2);
    expect(ci.stderr).toMatch(/is needed, and this run is non-interactive\nhint: pass --passphrase-env VAR/);
    expect(existsSync(join(here.root, "b.backpack"))).toBe(false);
  });

  it("cannot export a locked agent.lock", () => {
    const stored = here.backpack(["init", "locked.lock", "--credentials", "A"]);
    expect(stored.status).toBe(0);
    // Another machine has no key for it.
    writeFileSync(join(there.root, "locked.lock"), readFileSync(join(here.root, "locked.lock")));
    const r = there.backpack(["export", "x.backpack", "--from", "locked.lock"], { input: `${PASS}\n` });
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/no key at hand for .*locked\.lock/);
  });
});

describe("backpack export on a terminal", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("asks for the passphrase twice without echoing it, and again when the two differ", async () => {
    expect(sb.backpack(["quickstart", "--non-interactive", "--name", "tty"]).status).toBe(0);
    const term = backpackPty(sb, ["export", "t.backpack"]);
    await term.expect("New passphrase for the bundle: ");
    term.line("short");
    await term.expect("use at least 8 characters");
    await term.expect("New passphrase for the bundle: ");
    term.line("first passphrase");
    await term.expect("again: ");
    term.line("second passphrase");
    await term.expect("the two entries differ");
    await term.expect("New passphrase for the bundle: ");
    // Backspace edits the hidden line: "lanternX" + backspace = "lantern".
    term.line("quiet lanternX\u007f");
    await term.expect("again: ");
    term.line("quiet lantern");
    const { status, output } = await term.exit();
    const typed = ["short", "first passphrase", "second passphrase", "quiet lantern"];
    expect(status, hideSecrets(stripAnsi(output), typed)).toBe(0);
    assertNoSecrets([output], typed);
    expect(stripAnsi(output)).toContain('exported "tty" to t.backpack');

    const imported = sb.backpack(["import", "t.backpack", "--dir", "copy"], { input: "quiet lantern\n" });
    expect(imported.status, imported.stderr).toBe(0);
  });
});
