// Keychain pass (.ci/run): the credentials an agent receives are read from the vault in the key store.
/**
 * `backpack run` end to end with the built CLI: what the agent receives
 * (credentials, AGENT_* variables, arguments, stdin), interpreters by
 * extension, exit codes and signals, consent on a pseudo-terminal, and that
 * no secret value ever reaches backpack's own output.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initAgent } from "../helpers/agent-files.js";
import { CLI, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { runInPty } from "../helpers/pty.js";
import { assertNoSecrets, fakeSecret, sha256 } from "../helpers/secrets.js";
import { putInVault } from "../helpers/vault.js";

/** A Python agent that reports what it got: hashes of credentials, never values. */
const REPORT_AGENT = `
import hashlib, json, os, sys
names = ["OPENAI_API_KEY", "GITHUB_TOKEN", "DEPLOY_TOKEN", "ABSENT_KEY"]
report = {
  "args": sys.argv[1:],
  "hashes": {n: hashlib.sha256(os.environ[n].encode()).hexdigest() for n in names if n in os.environ},
  "vars": {n: os.environ.get(n) for n in ["AGENT_SYSTEM_PROMPT", "AGENT_TONE", "AGENT_PERSONALITY", "AGENT_NAME", "AGENT_LOCK", "AGENT_MEMORY_FILE", "BACKPACK_RUN"]},
}
print(json.dumps(report))
`;

interface Report {
  args: string[];
  hashes: Record<string, string>;
  vars: Record<string, string | null>;
}

function lastJson(stdout: string): Report {
  const line = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as Report;
}

describe("backpack run", () => {
  let sb: Sandbox;
  let dir: string;
  let openai: string;
  let github: string;
  let deploy: string;

  beforeEach(async () => {
    sb = makeSandbox();
    dir = sb.root;
    openai = fakeSecret("sk-openai");
    github = fakeSecret("ghp");
    deploy = fakeSecret("deploy");
    await initAgent(sb, join(dir, "agent.lock"), { name: "reporter", credentials: ["OPENAI_API_KEY", "GITHUB_TOKEN", "ABSENT_KEY"], systemPrompt: "You are exact", tone: "dry" });
    await putInVault(sb, "OPENAI_API_KEY", openai);
    await putInVault(sb, "GITHUB_TOKEN", github);
    writeFileSync(join(dir, "agent.py"), REPORT_AGENT);
  });
  afterEach(() => sb.cleanup());

  it("injects vault credentials, the personality and the file paths (non-interactive)", () => {
    const r = sb.backpack(["run", "--non-interactive", "agent.py"]);
    expect(r.status, r.stderr).toBe(0);
    const report = lastJson(r.stdout);
    expect(report.hashes).toEqual({ OPENAI_API_KEY: sha256(openai), GITHUB_TOKEN: sha256(github) });
    expect(report.vars).toEqual({
      AGENT_SYSTEM_PROMPT: "You are exact",
      AGENT_TONE: "dry",
      AGENT_PERSONALITY: JSON.stringify({ system_prompt: "You are exact", tone: "dry" }),
      AGENT_NAME: "reporter",
      AGENT_LOCK: join(dir, "agent.lock"),
      AGENT_MEMORY_FILE: join(dir, "agent.lock"),
      BACKPACK_RUN: "1",
    });
    expect(r.stderr).toMatch(/injected GITHUB_TOKEN \(vault\), OPENAI_API_KEY \(vault\)/);
    expect(r.stderr).toMatch(/missing ABSENT_KEY: add it with `backpack key add ABSENT_KEY`/);
    assertNoSecrets([r.stderr, r.stdout], [openai, github]);
  });

  it("prefers the environment, then an embedded value, then the vault", async () => {
    // Embed DEPLOY_TOKEN; put another value for it in the vault: the embedded one wins.
    const { updateAgentFile } = await import("../../src/runtime/update.js");
    await updateAgentFile(join(dir, "agent.lock"), (doc) => {
      doc.credentials.DEPLOY_TOKEN = { source: "embedded", value: deploy };
    }, { env: sb.env });
    await putInVault(sb, "DEPLOY_TOKEN", fakeSecret("vault-deploy"));
    const fromEnv = fakeSecret("env-openai");
    const r = sb.backpack(["run", "--non-interactive", "agent.py"], { env: { OPENAI_API_KEY: fromEnv } });
    expect(r.status, r.stderr).toBe(0);
    const report = lastJson(r.stdout);
    expect(report.hashes.OPENAI_API_KEY).toBe(sha256(fromEnv));
    expect(report.hashes.DEPLOY_TOKEN).toBe(sha256(deploy));
    expect(report.hashes.GITHUB_TOKEN).toBe(sha256(github));
    expect(r.stderr).toMatch(/injected DEPLOY_TOKEN \(agent\.lock\), GITHUB_TOKEN \(vault\)/);
    expect(r.stderr).toMatch(/already in the environment: OPENAI_API_KEY/);
    assertNoSecrets([r.stderr], [fromEnv, deploy, github, openai]);
  });

  it("hands every argument after SCRIPT to the agent, backpack's own flags included", () => {
    const args = ["--verbose", "--debug", "-f", "x", "--", "--non-interactive", "two words"];
    const r = sb.backpack(["run", "--non-interactive", "agent.py", ...args]);
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson(r.stdout).args).toEqual(args);
    expect(r.stderr).not.toMatch(/backpack debug/);
  });

  it("runs any command after --, with its arguments", () => {
    const r = sb.backpack(["run", "--non-interactive", "--", "sh", "-c", 'printf "%s|%s|%s" "$1" "$AGENT_TONE" "${#GITHUB_TOKEN}"', "sh", "--flag"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`--flag|dry|${github.length}`);
  });

  it("removes inherited AGENT_* variables the agent does not define", () => {
    sb.backpack(["config", "personality", "--unset", "tone"]);
    const r = sb.backpack(["run", "--non-interactive", "agent.py"], { env: { AGENT_TONE: "stale", AGENT_NAME: "other" } });
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson(r.stdout).vars.AGENT_TONE).toBeNull();
    expect(lastJson(r.stdout).vars.AGENT_NAME).toBe("reporter");
  });

  it("picks the interpreter by extension", () => {
    writeFileSync(join(dir, "a.js"), "console.log('js', process.env.AGENT_TONE, process.argv.slice(2).join(','))");
    writeFileSync(join(dir, "a.mjs"), "console.log('mjs', typeof import.meta.url)");
    writeFileSync(join(dir, "a.sh"), 'echo "sh $AGENT_TONE $1"');
    writeFileSync(join(dir, "tool"), "#!/bin/sh\necho \"shebang $AGENT_NAME\"\n");
    chmodSync(join(dir, "tool"), 0o755);
    writeFileSync(join(dir, "notes.txt"), "hello");
    const run = (script: string, ...args: string[]) => sb.backpack(["run", "--non-interactive", script, ...args]);
    expect(run("a.js", "x", "y").stdout).toBe("js dry x,y\n");
    expect(run("a.mjs").stdout).toBe("mjs string\n");
    expect(run("a.sh", "arg").stdout).toBe("sh dry arg\n");
    expect(run("tool").stdout).toBe("shebang reporter\n");
    const txt = run("notes.txt");
    expect(txt.status).toBe(2);
    expect(txt.stderr).toMatch(/do not know how to run notes\.txt \(\.txt\)\nhint: .*backpack run -- INTERPRETER SCRIPT/);
    const missing = run("nope.py");
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/nope\.py does not exist/);
  });

  it("runs a .ts agent with type stripping, or tsx, or says how to", () => {
    writeFileSync(join(dir, "a.ts"), "const tone: string = process.env.AGENT_TONE ?? ''; console.log('ts', tone);");
    const r = sb.backpack(["run", "--non-interactive", "a.ts"]);
    if (process.allowedNodeEnvironmentFlags.has("--experimental-strip-types")) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe("ts dry\n");
    } else {
      // Node 20 has no type stripping and the sandbox has no tsx: a clear error, nothing run.
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot run a\.ts: Node .* cannot strip TypeScript types and tsx is not installed\nhint: install tsx/);
    }
    // A tsx found in node_modules/.bin is used.
    const bin = join(dir, "node_modules", ".bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "tsx"), "#!/bin/sh\necho \"tsx ran $1 $AGENT_TONE\"\n");
    chmodSync(join(bin, "tsx"), 0o755);
    if (!process.allowedNodeEnvironmentFlags.has("--experimental-strip-types")) {
      const viaTsx = sb.backpack(["run", "--non-interactive", "a.ts"]);
      expect(viaTsx.status, viaTsx.stderr).toBe(0);
      expect(viaTsx.stdout).toBe("tsx ran a.ts dry\n");
    }
  });

  it("passes the exit code through, and death by a signal as 128+n", () => {
    expect(sb.backpack(["run", "--non-interactive", "--", "sh", "-c", "exit 3"]).status).toBe(3);
    expect(sb.backpack(["run", "--non-interactive", "--", "sh", "-c", "kill -TERM $$"]).status).toBe(143);
    expect(sb.backpack(["run", "--non-interactive", "--", "sh", "-c", "kill -KILL $$"]).status).toBe(137);
    const notFound = sb.backpack(["run", "--non-interactive", "--", "no-such-command-xyz"]);
    expect(notFound.status).toBe(127);
    expect(notFound.stderr).toMatch(/no-such-command-xyz: command not found/);
    writeFileSync(join(dir, "noexec"), "#!/bin/sh\n");
    chmodSync(join(dir, "noexec"), 0o644);
    expect(sb.backpack(["run", "--non-interactive", "--", "./noexec"]).status).toBe(126);
  });

  it("passes stdin through to the agent", () => {
    writeFileSync(join(dir, "echo.py"), "import sys\nprint(sys.stdin.read().upper(), end='')\n");
    const r = sb.backpack(["run", "--non-interactive", "echo.py"], { input: "line one\nline two\n" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("LINE ONE\nLINE TWO\n");
  });

  it.each([
    ["SIGTERM", 42],
    ["SIGINT", 43],
    ["SIGHUP", 44],
  ] as const)("forwards %s to the agent and exits with its code", async (signal, code) => {
    const ready = join(dir, "ready");
    writeFileSync(
      join(dir, "trap.sh"),
      `trap 'exit ${code}' ${signal.slice(3)}\ntouch ${JSON.stringify(ready)}\nwhile true; do sleep 0.05; done\n`,
    );
    const child = spawn(process.execPath, [CLI, "run", "--non-interactive", "trap.sh"], { cwd: dir, env: sb.env, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (status) => resolve(status)));
    const deadline = Date.now() + 15_000;
    while (!existsSync(ready) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(ready)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
  });

  it("withholds vault values when there is no terminal to ask on, and says how to allow them", async () => {
    const { updateAgentFile } = await import("../../src/runtime/update.js");
    await updateAgentFile(join(dir, "agent.lock"), (doc) => {
      doc.credentials.DEPLOY_TOKEN = { source: "embedded", value: deploy };
    }, { env: sb.env });
    const r = sb.backpack(["run", "agent.py"]);
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson(r.stdout).hashes).toEqual({ DEPLOY_TOKEN: sha256(deploy) });
    expect(r.stderr).toMatch(/not injected \(no terminal to ask for consent\): GITHUB_TOKEN, OPENAI_API_KEY\n.*--non-interactive/);
  });

  it.each([
    ["CI=true", { CI: "true" }],
    ["AGENT_MASTER_KEY", { AGENT_MASTER_KEY: "some passphrase" }],
  ])("is non-interactive with %s", (_label, env) => {
    const r = sb.backpack(["run", "agent.py"], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(lastJson(r.stdout).hashes).sort()).toEqual(["GITHUB_TOKEN", "OPENAI_API_KEY"]);
  });

  it("asks once per vault key on a terminal: yes, no, always (remembered), and forgets on request", () => {
    const cmd = [process.execPath, CLI, "run", "agent.py"];
    const first = runInPty(cmd, {
      cwd: dir,
      env: sb.env,
      steps: [
        { expect: "wants GITHUB_TOKEN from your vault\\. Allow\\? \\[y\\]es / \\[n\\]o / \\[a\\]lways:", send: "maybe\n" },
        { expect: "please answer yes, no, always", send: "n\n" },
        { expect: "wants OPENAI_API_KEY", send: "always\n" },
      ],
    });
    expect(first.timedOut).toBe(false);
    expect(first.stepsDone).toBe(3);
    expect(first.status).toBe(0);
    expect(first.output).toMatch(/injected OPENAI_API_KEY \(vault\)/);
    expect(first.output).toMatch(/not injected \(you said no\): GITHUB_TOKEN/);
    expect(lastJson(first.output).hashes).toEqual({ OPENAI_API_KEY: sha256(openai) });
    const consent = JSON.parse(readFileSync(join(sb.env.XDG_CONFIG_HOME as string, "backpack", "consent.json"), "utf8"));
    expect(consent.agents[join(dir, "agent.lock")]).toEqual({ name: "reporter", always: ["OPENAI_API_KEY"] });

    // "always" is remembered; GITHUB_TOKEN is asked again.
    const second = runInPty(cmd, { cwd: dir, env: sb.env, steps: [{ expect: "wants GITHUB_TOKEN", send: "y\n" }] });
    expect(second.status).toBe(0);
    expect(second.output).not.toMatch(/wants OPENAI_API_KEY/);
    expect(lastJson(second.output).hashes).toEqual({ OPENAI_API_KEY: sha256(openai), GITHUB_TOKEN: sha256(github) });

    const forget = runInPty([...cmd.slice(0, 3), "--forget-consent", "agent.py"], {
      cwd: dir,
      env: sb.env,
      steps: [
        { expect: "wants GITHUB_TOKEN", send: "n\n" },
        { expect: "wants OPENAI_API_KEY", send: "n\n" },
      ],
    });
    expect(forget.stepsDone).toBe(2);
    expect(forget.output).toMatch(/forgot the remembered answers/);
    expect(lastJson(forget.output).hashes).toEqual({});
    assertNoSecrets([first.output, second.output, forget.output], [openai, github]);
  });

  it("keeps the terminal usable for the agent after asking (stdin is not stolen)", () => {
    writeFileSync(join(dir, "ask.py"), "name = input('your name? ')\nprint('hello ' + name)\n");
    const r = runInPty([process.execPath, CLI, "run", "ask.py"], {
      cwd: dir,
      env: sb.env,
      steps: [
        { expect: "wants GITHUB_TOKEN", send: "y\n" },
        { expect: "wants OPENAI_API_KEY", send: "y\n" },
        { expect: "your name\\? ", send: "Ada\n" },
      ],
    });
    expect(r.stepsDone).toBe(3);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/hello Ada/);
  });

  it("runs an agent whose agent.lock was written by the Python tool (format 1.0)", () => {
    // Written by fixtures/v1/generate.py with the Python tool's own crypto (cryptography's Fernet).
    const fixture = join(PROJECT_ROOT, "fixtures/v1/credentials");
    writeFileSync(join(dir, "agent.lock"), readFileSync(`${fixture}.agent.lock`));
    const expected = JSON.parse(readFileSync(`${fixture}.expected.json`, "utf8"));
    const embedded = expected.layers.credentials.OPENAI_API_KEY as string;
    const r = sb.backpack(["run", "--non-interactive", "agent.py"]);
    expect(r.status, r.stderr).toBe(0);
    const report = lastJson(r.stdout);
    expect(report.vars.AGENT_SYSTEM_PROMPT).toBe("You deploy services.");
    expect(report.vars.AGENT_TONE).toBe("terse");
    // A real value stays embedded; a placeholder ("<your-github-token>") is read from the vault.
    expect(report.hashes).toEqual({ OPENAI_API_KEY: sha256(embedded), GITHUB_TOKEN: sha256(github) });
    expect(r.stderr).toMatch(/injected .*GITHUB_TOKEN \(vault\).*OPENAI_API_KEY \(agent\.lock\)/);
    assertNoSecrets([r.stderr], [embedded, github]);
  });

  it("fails with a hint when there is no agent.lock or no command", () => {
    const none = sb.backpack(["run", "--file", "other.lock", "agent.py"]);
    expect(none.status).toBe(3);
    expect(none.stderr).toMatch(/other\.lock does not exist\nhint: /);
    const empty = sb.backpack(["run"]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/name a script or a command/);
  });
});
