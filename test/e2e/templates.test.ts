import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

/** The helper module every built-in script imports, as shipped. */
const SHARED_HELPER = readFileSync(join(PROJECT_ROOT, "templates/_shared/backpack_agent.py"), "utf8");

/** How each template's script is tried offline: arguments, stdin, and what its output must show. */
const RUNS: Record<string, { args: string[]; input?: string; shows: RegExp }> = {
  code_reviewer: { args: ["-"], input: "diff --git a/a.py b/a.py\n+password = input()\n", shows: /\[dry run\] ANTHROPIC_API_KEY is not set[\s\S]*"diff_lines": 2/ },
  content_generator: { args: ["release notes", "--format", "linkedin"], shows: /\[dry run\][\s\S]*Write a LinkedIn post of at most 1,200 characters about: release notes/ },
  customer_support: { args: ["How do I reset my password?"], shows: /^Use 'Forgot password' on the sign-in page/ },
  data_analyst: { args: [], shows: /^sample\.csv: 6 rows\n {2}month[\s\S]*revenue {10}number min 9800, max 14050, mean 11970, 1 missing[\s\S]*\[dry run\]/ },
  financial_analyst: { args: ["nvda"], shows: /\[dry run\][\s\S]*Ticker: NVDA/ },
  research_assistant: { args: ["What is SIV?"], shows: /\[dry run\][\s\S]*Question: What is SIV\?[\s\S]*no web search/ },
  twitter_bot: { args: [], shows: /\[dry run\][\s\S]*Write one post about: open source/ },
};

describe("backpack template", () => {
  let sb: Sandbox;
  let wired: string;
  beforeAll(() => {
    sb = makeSandbox();
    // A repository that counts as wired by `backpack setup` (agent.lock is written in the working form).
    wired = sb.repo("wired");
    sb.git(["config", "filter.backpack.clean", "backpack git clean"], { cwd: wired });
    writeFileSync(join(wired, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
  });
  afterAll(() => sb.cleanup());

  it("lists the seven built-ins with what they need", () => {
    const r = sb.backpack(["template", "list"]);
    expect(r.status, r.stderr).toBe(0);
    for (const name of Object.keys(RUNS)) expect(r.stdout).toMatch(new RegExp(`^${name} +\\S`, "m"));
    expect(r.stdout).toMatch(/needs OPENAI_API_KEY, ALPHA_VANTAGE_API_KEY \(optional\)/);
    const json = JSON.parse(sb.backpack(["template", "list", "--json"]).stdout) as { name: string; source: string }[];
    // The fields docs/commands.md names, no more and no fewer.
    for (const row of json) expect(Object.keys(row).sort()).toEqual(["credentials", "description", "entry", "folder", "name", "source"]);
    expect(json.map((t) => t.name)).toEqual(Object.keys(RUNS));
    expect(new Set(json.map((t) => t.source))).toEqual(new Set(["built-in"]));
  });

  for (const [name, run] of Object.entries(RUNS)) {
    it(`uses ${name} end to end: agent.lock, script and README, and the script runs offline`, () => {
      const dir = join(sb.root, name);
      const r = sb.backpack(["template", "use", name, "--dir", name]);
      expect(r.status, r.stderr).toBe(0);
      const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "templates", name, "template.json"), "utf8"));
      expect(readdirSync(dir)).toEqual(expect.arrayContaining(["agent.lock", "README.md", manifest.entry, "backpack_agent.py"]));
      expect(readFileSync(join(dir, "backpack_agent.py"), "utf8")).toBe(SHARED_HELPER);
      expect(r.stdout).toContain(`cd ${name} && backpack run ${manifest.entry}`);
      const stored = readFileSync(join(dir, "agent.lock"), "utf8");
      expect(stored).toContain('"backpack": "agent.lock"');
      assertNoSecrets([stored], [manifest.personality.system_prompt.slice(0, 30)]);

      const shown = sb.backpack(["show", "--json", `${name}/agent.lock`]);
      expect(shown.status, shown.stderr).toBe(0);
      const doc = JSON.parse(shown.stdout);
      expect(Object.keys(doc.credentials).sort()).toEqual(manifest.credentials.map((c: { name: string }) => c.name).sort());
      expect(doc.personality).toEqual(manifest.personality);
      expect(doc.memory).toEqual(manifest.memory ?? {});
      expect(sb.backpack(["validate", `${name}/agent.lock`]).stdout).toMatch(/every layer authenticated/);

      // In a wired repository the same template gives the working form, which the script reads its memory from.
      const wiredDir = join(wired, name);
      expect(sb.backpack(["template", "use", name, "--dir", wiredDir]).status).toBe(0);
      const lockPath = join(wiredDir, "agent.lock");
      const before = readFileSync(lockPath, "utf8");
      expect(JSON.parse(before).memory).toEqual(doc.memory);
      // What `backpack run` gives a script: the personality and the agent.lock's path.
      const script = spawnSync("python3", [manifest.entry, ...run.args], {
        cwd: wiredDir,
        input: run.input ?? "",
        encoding: "utf8",
        env: {
          ...sb.env,
          AGENT_SYSTEM_PROMPT: doc.personality.system_prompt,
          AGENT_TONE: doc.personality.tone ?? "",
          AGENT_PERSONALITY: JSON.stringify(doc.personality),
          AGENT_LOCK: lockPath,
          AGENT_MEMORY_FILE: lockPath,
        },
      });
      expect(script.status, script.stderr).toBe(0);
      expect(script.stdout).toMatch(run.shows);
      // A dry run changes nothing.
      expect(readFileSync(lockPath, "utf8")).toBe(before);
    });
  }

  it("writes the shared helper beside the script, which then runs on its own from any folder", () => {
    const dir = join(sb.root, "standalone");
    expect(relative(PROJECT_ROOT, dir)).toMatch(/^\.\.\//);
    const r = sb.backpack(["template", "use", "twitter_bot", "--dir", dir]);
    expect(r.status, r.stderr).toBe(0);
    const helper = join(dir, "backpack_agent.py");
    expect(statSync(helper).mode & 0o111).toBe(0);
    // Run by its path from another folder, with no PYTHONPATH: the helper can only come from beside the script.
    const elsewhere = join(sb.root, "elsewhere");
    mkdirSync(elsewhere);
    const env = Object.fromEntries(Object.entries(sb.env).filter(([name]) => !name.startsWith("PYTHON")));
    const run = () => spawnSync("python3", [join(dir, "agent.py"), "release notes"], { cwd: elsewhere, env, encoding: "utf8" });
    const ran = run();
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/\[dry run\][\s\S]*Write one post about: release notes/);
    rmSync(helper);
    const without = run();
    expect(without.status).not.toBe(0);
    expect(without.stderr).toMatch(/ModuleNotFoundError: No module named 'backpack_agent'/);
  });

  it("never clobbers: an existing file stops `use` before anything is written", () => {
    const dir = join(sb.root, "busy");
    mkdirSync(dir);
    writeFileSync(join(dir, "README.md"), "mine\n");
    writeFileSync(join(dir, "backpack_agent.py"), "# mine\n");
    const r = sb.backpack(["template", "use", "twitter_bot", "--dir", "busy"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/backpack_agent\.py, README\.md already exist in busy\nhint: pass --force/);
    expect(readdirSync(dir).sort()).toEqual(["README.md", "backpack_agent.py"]);
    const forced = sb.backpack(["template", "use", "twitter_bot", "--dir", "busy", "--force", "--agent-name", "poster"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, "README.md.bak"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, "backpack_agent.py.bak"), "utf8")).toBe("# mine\n");
    expect(readFileSync(join(dir, "backpack_agent.py"), "utf8")).toBe(SHARED_HELPER);
    expect(JSON.parse(sb.backpack(["show", "--json", "busy/agent.lock"]).stdout).credentials).toHaveProperty("TWITTER_BEARER_TOKEN");
    expect(sb.backpack(["show", "busy/agent.lock"]).stdout).toMatch(/agent "poster"/);
  });

  it("suggests the name meant", () => {
    const r = sb.backpack(["template", "use", "twiter_bot"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/no template called twiter_bot\nhint: did you mean twitter_bot\?/);
    expect(existsSync(join(sb.root, "agent.lock"))).toBe(false);
  });

  it("installs a template into the configured default_template_dir and uses it", () => {
    const src = join(sb.root, "ops");
    mkdirSync(src);
    writeFileSync(join(src, "template.json"), JSON.stringify({ name: "ops_bot", description: "Runs ops", credentials: [{ name: "PAGER_TOKEN", description: "pager" }], personality: { system_prompt: "You run ops." }, memory: { runbooks: 3 }, entry: "bot.sh" }));
    writeFileSync(join(src, "bot.sh"), "#!/bin/sh\necho ops\n", { mode: 0o755 });
    writeFileSync(join(src, "README.md"), "# ops_bot\n");
    const custom = join(sb.root, "my-templates");
    expect(sb.backpack(["config", "set", "--user", "default_template_dir", custom]).status).toBe(0);

    const bad = join(sb.root, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "template.json"), JSON.stringify({ name: "Bad Name" }));
    const refused = sb.backpack(["template", "install", "bad"]);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/template\.json: name: lower-case/);

    const r = sb.backpack(["template", "install", "ops"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`installed ops_bot in ${join(custom, "ops_bot")}`);
    expect(sb.backpack(["template", "list"]).stdout).toMatch(/^ops_bot +Runs ops \(yours\)/m);
    expect(sb.backpack(["template", "install", "ops"]).status).toBe(2);
    const used = sb.backpack(["template", "use", "ops_bot", "--dir", "ops-agent"]);
    expect(used.status, used.stderr).toBe(0);
    expect(JSON.parse(sb.backpack(["show", "--json", "ops-agent/agent.lock"]).stdout).memory).toEqual({ runbooks: 3 });
  });

  it("runs under `backpack run`, reading and saving memory through `backpack memory`", () => {
    const bin = join(sb.root, "bin");
    mkdirSync(bin, { recursive: true });
    if (!existsSync(join(bin, "backpack"))) symlinkSync(CLI, join(bin, "backpack"));
    const env = { PATH: `${bin}:${process.env.PATH ?? ""}` };
    const dir = join(sb.root, "under-run");
    expect(sb.backpack(["template", "use", "customer_support", "--dir", "under-run"]).status).toBe(0);
    const faq = sb.backpack(["run", "--non-interactive", "agent.py", "How do I reset my password?"], { cwd: dir, env });
    expect(faq.status, faq.stderr).toBe(0);
    expect(faq.stdout).toMatch(/^Use 'Forgot password'/);
    expect(readFileSync(join(dir, "agent.lock"), "utf8")).toContain('"backpack": "agent.lock"');

    const starter = join(sb.root, "starter");
    expect(sb.backpack(["quickstart", "--non-interactive", "--dir", "starter", "--credentials", "", "--name", "counter"]).status).toBe(0);
    for (const n of [1, 2]) {
      const r = sb.backpack(["run", "--non-interactive", "agent.py"], { cwd: starter, env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`counter (run ${n})`);
    }
    expect(JSON.parse(sb.backpack(["memory", "show"], { cwd: starter }).stdout)).toEqual({ runs: 2 });
  });
});
