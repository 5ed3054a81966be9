// Keychain pass (.ci/run): quickstart generates a key and stores it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backpackPty, stripAnsi } from "../helpers/pty.js";
import { PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

describe("backpack quickstart", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  const showJson = (file: string) => {
    const r = sb.backpack(["show", "--json", file]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { credentials: Record<string, unknown>; personality: Record<string, unknown>; memory: Record<string, unknown> };
  };

  it("takes answers piped on stdin and writes an encrypted agent.lock and a starter script outside git", () => {
    // template, name, credentials, system prompt (default), tone, language, confirm
    const r = sb.backpack(["quickstart", "--dir", "bot"], { input: "\nsupport bot\nOPENAI_API_KEY, GITHUB_TOKEN\n\nformal\npy\ny\n" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created bot\/agent\.lock \(encrypted\)/);
    expect(r.stdout).toMatch(/backpack key add OPENAI_API_KEY\n.*backpack key add GITHUB_TOKEN/);
    const lock = readFileSync(join(sb.root, "bot/agent.lock"), "utf8");
    expect(lock).toContain('"backpack": "agent.lock"');
    assertNoSecrets([lock], ["helpful assistant"]);
    expect(showJson("bot/agent.lock")).toEqual({
      credentials: { GITHUB_TOKEN: { source: "vault" }, OPENAI_API_KEY: { source: "vault" } },
      personality: { system_prompt: "You are a helpful assistant.", tone: "formal" },
      memory: {},
    });
    expect(statSync(join(sb.root, "bot/agent.py")).mode & 0o111).not.toBe(0);
    // The helpers agent.py imports are written next to it, from templates/_shared/.
    expect(readdirSync(join(sb.root, "bot")).sort()).toEqual(["agent.lock", "agent.py", "backpack_agent.py"]);
    expect(readFileSync(join(sb.root, "bot/backpack_agent.py"), "utf8")).toBe(readFileSync(join(PROJECT_ROOT, "templates/_shared/backpack_agent.py"), "utf8"));
    // The starter runs offline: names the credentials (never values) and stops before any request.
    const run = spawnSync("python3", ["agent.py"], { cwd: join(sb.root, "bot"), env: { ...sb.env, GITHUB_TOKEN: "ghp_not_a_real_token_0000000000000000" }, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^support bot \(run 1\)\n {2}OPENAI_API_KEY: missing \(backpack key add OPENAI_API_KEY\)\n {2}GITHUB_TOKEN: available\n\[dry run\]/);
    assertNoSecrets([run.stdout, run.stderr], ["ghp_not_a_real"]);
  });

  it("asks nothing with --non-interactive (or CI=true): flags and defaults, and a JavaScript starter", () => {
    const r = sb.backpack(["quickstart", "--non-interactive", "--name", "js-agent", "--credentials", "ANTHROPIC_API_KEY", "--lang", "js"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(showJson("agent.lock").personality).toEqual({ system_prompt: "You are a helpful assistant.", tone: "friendly" });
    // `backpack run` gives the script AGENT_LOCK; a working form is read directly (a stored one through `backpack memory show`).
    const lock = join(sb.root, "working.lock");
    writeFileSync(lock, JSON.stringify({ version: 2, credentials: {}, personality: {}, memory: { runs: 4 } }));
    const run = spawnSync(process.execPath, ["agent.js", "hello"], { cwd: sb.root, env: { ...sb.env, AGENT_LOCK: lock, AGENT_SYSTEM_PROMPT: "Be brief.", BACKPACK_CLI: join(sb.root, "no-such-backpack") }, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("js-agent (run 5)\n  ANTHROPIC_API_KEY: missing");
    expect(run.stdout).toContain("system: Be brief.\n");
    // When it cannot reach backpack it cannot save, and says so rather than writing agent.lock itself.
    expect(run.stderr).toContain("memory not saved: run the agent with `backpack run`, with backpack on PATH");
    expect(JSON.parse(readFileSync(lock, "utf8")).memory).toEqual({ runs: 4 });
    // The JavaScript starter holds its own helpers.
    expect(existsSync(join(sb.root, "backpack_agent.py"))).toBe(false);

    const ci = sb.backpack(["quickstart", "--dir", "ci", "--name", "ci-agent"], { env: { CI: "true" }, input: "this line must not be read\n" });
    expect(ci.status, ci.stderr).toBe(0);
    expect(showJson("ci/agent.lock").credentials).toEqual({ OPENAI_API_KEY: { source: "vault" } });
    expect(existsSync(join(sb.root, "ci/agent.py"))).toBe(true);
  });

  it("starts from a template with its credentials, personality, memory and files", () => {
    const r = sb.backpack(["quickstart", "--non-interactive", "--template", "data_analyst", "--tone", "playful", "--dir", "da"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(sb.root, "da")).sort()).toEqual(["README.md", "agent.lock", "agent.py", "backpack_agent.py", "sample.csv"]);
    const doc = showJson("da/agent.lock");
    expect(Object.keys(doc.credentials)).toEqual(["OPENAI_API_KEY"]);
    expect(doc.personality.tone).toBe("playful");
    expect(doc.personality.system_prompt).toMatch(/data analyst/);
    expect(doc.memory).toEqual({ datasets: {} });
  });

  it("refuses bad answers with the line to fix, and an existing agent.lock before asking anything", () => {
    const bad = sb.backpack(["quickstart"], { input: "\nbot\nOPENAI_API_KEY,2FA-TOKEN\n" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/backpack: Credentials it needs .*: "2FA-TOKEN" is not a valid credential name.*\nhint: fix line 3 of the input, or pass --credentials A,B/);
    expect(existsSync(join(sb.root, "agent.lock"))).toBe(false);

    const badName = sb.backpack(["quickstart", "--non-interactive", "--name", "line\nbreak"]);
    expect(badName.status).toBe(2);
    expect(badName.stderr).toMatch(/is not a valid agent name/);

    const unknown = sb.backpack(["quickstart", "--non-interactive", "--template", "finance"]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toMatch(/no template called finance\nhint: did you mean financial_analyst\?/);

    expect(sb.backpack(["quickstart", "--non-interactive"]).status).toBe(0);
    const before = readFileSync(join(sb.root, "agent.lock"), "utf8");
    const again = sb.backpack(["quickstart"], { input: "" });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^backpack: agent\.lock already exists in \.\nhint: pass --force/);
    expect(again.stderr).not.toMatch(/\?/);

    const forced = sb.backpack(["quickstart", "--non-interactive", "--force", "--name", "second"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(join(sb.root, "agent.lock.bak"), "utf8")).toBe(before);
    expect(readFileSync(join(sb.root, "agent.py.bak"), "utf8")).toContain(`AGENT_NAME = "${basename(sb.root)}"`);
    expect(forced.stdout).toMatch(/kept a backup: agent\.lock\.bak\n.*kept a backup: agent\.py\.bak\n.*kept a backup: backpack_agent\.py\.bak/);
  });

  it("never replaces a backpack_agent.py of yours without --force", () => {
    const dir = join(sb.root, "mine");
    mkdirSync(dir);
    writeFileSync(join(dir, "backpack_agent.py"), "# my own helpers\n");
    const r = sb.backpack(["quickstart", "--non-interactive", "--dir", "mine", "--credentials", ""]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/backpack_agent\.py already exists in mine\nhint: pass --force/);
    expect(readdirSync(dir)).toEqual(["backpack_agent.py"]);
    const forced = sb.backpack(["quickstart", "--non-interactive", "--dir", "mine", "--credentials", "", "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, "backpack_agent.py.bak"), "utf8")).toBe("# my own helpers\n");
    expect(readFileSync(join(dir, "backpack_agent.py"), "utf8")).toContain("def save_memory(memory, *keys):");
  });

  it("stops without writing when the final answer is no", () => {
    const r = sb.backpack(["quickstart", "--name", "n", "--credentials", "", "--system-prompt", "s", "--tone", "", "--lang", "py"], { input: "\nn\n" });
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/cancelled\nhint: nothing was written/);
    expect(readdirSync(sb.root).filter((f) => f !== "home")).toEqual([]);
  });

  it("writes the working form inside a wired repository", () => {
    const repo = sb.repo();
    sb.git(["config", "filter.backpack.clean", "backpack git clean"], { cwd: repo });
    writeFileSync(join(repo, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
    mkdirSync(join(repo, "agents"));
    const r = sb.backpack(["quickstart", "--non-interactive", "--dir", "agents/a", "--credentials", ""], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/working form: git encrypts it on commit/);
    expect(JSON.parse(readFileSync(join(repo, "agents/a/agent.lock"), "utf8"))).toMatchObject({ version: 2, agent: { name: "a" }, credentials: {} });
    expect(r.stdout).not.toMatch(/backpack setup/);
  });
});

describe("backpack quickstart on a terminal", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("asks again after a wrong answer, accepts defaults with Enter, and writes the agent", async () => {
    const term = backpackPty(sb, ["quickstart", "--dir", "tty-agent"]);
    await term.expect("Start from a template");
    term.line("");
    await term.expect("Agent name (tty-agent)");
    term.line("");
    await term.expect("Credentials it needs");
    term.line("OPENAI_API_KEY, bad-name");
    await term.expect('"bad-name" is not a valid credential name');
    await term.expect("Credentials it needs");
    term.line("OPENAI_API_KEY");
    await term.expect("System prompt");
    term.line("You answer in haiku.");
    await term.expect("Tone (friendly)");
    term.line("");
    await term.expect("Starter script");
    term.line("2");
    await term.expect("Write agent.lock and agent.js");
    term.line("");
    const { status, output } = await term.exit();
    expect(status, stripAnsi(output)).toBe(0);
    expect(stripAnsi(output)).toMatch(/created tty-agent\/agent\.lock \(encrypted\)/);
    const r = sb.backpack(["show", "--json", "tty-agent/agent.lock"]);
    expect(JSON.parse(r.stdout).personality).toEqual({ system_prompt: "You answer in haiku.", tone: "friendly" });
    expect(existsSync(join(sb.root, "tty-agent/agent.js"))).toBe(true);
  });

  it("Ctrl-C at a question exits 130 and writes nothing", async () => {
    const term = backpackPty(sb, ["quickstart", "--template", "twitter_bot"]);
    await term.expect("Agent name (twitter_bot)");
    term.write("\u0003");
    const { status, output } = await term.exit();
    expect(status).toBe(130);
    expect(stripAnsi(output)).toMatch(/cancelled/);
    expect(existsSync(join(sb.root, "agent.lock"))).toBe(false);
  });

  it("colors the terminal unless NO_COLOR is set", async () => {
    const colored = backpackPty(sb, ["template", "list"], { env: { NO_COLOR: "" } });
    const plain = backpackPty(sb, ["template", "list"]);
    const [a, b] = await Promise.all([colored.exit(), plain.exit()]);
    expect(a.status).toBe(0);
    expect(a.output).toContain("\u001b[1mcode_reviewer");
    expect(b.output).not.toContain("\u001b[");
    expect(stripAnsi(a.output)).toBe(b.output);
  });
});
