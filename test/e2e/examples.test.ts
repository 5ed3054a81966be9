/**
 * The examples in examples/ with the real SDKs (OpenAI, Anthropic, LangChain):
 * without a key each stops before any request and prints what it would send;
 * with a key from the vault each sends the personality and question to an
 * HTTP server on 127.0.0.1 (standing in for the provider, reached through the
 * SDKs' own base-URL variables), prints the answer and saves it to memory.
 * Each example is bundled with esbuild ("backpack-agent" resolved to src/
 * through tsconfig paths; the SDKs stay in node_modules).
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, fakeSecret, sha256 } from "../helpers/secrets.js";
import { putInVault } from "../helpers/vault.js";

const OUT = join(PROJECT_ROOT, "node_modules/.cache/backpack-examples");

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Canned provider answers, by request path. */
function reply(path: string, model: string): unknown {
  if (path.endsWith("/messages")) {
    return { id: "msg_1", type: "message", role: "assistant", model, content: [{ type: "text", text: "ANSWER-FROM-SERVER" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
  }
  if (path.endsWith("/responses")) {
    return { id: "resp_1", object: "response", created_at: 0, status: "completed", model, output: [{ type: "message", id: "m1", status: "completed", role: "assistant", content: [{ type: "output_text", text: "ANSWER-FROM-SERVER", annotations: [] }] }], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } };
  }
  return { id: "c1", object: "chat.completion", created: 0, model, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "ANSWER-FROM-SERVER" } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
}

function run(sb: Sandbox, script: string, args: string[], env: NodeJS.ProcessEnv, cwd = sb.root): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...sb.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

const EXAMPLES = [
  { name: "openai-agent", keyName: "OPENAI_API_KEY", baseUrlVar: "OPENAI_BASE_URL", baseSuffix: "/v1" },
  { name: "anthropic-agent", keyName: "ANTHROPIC_API_KEY", baseUrlVar: "ANTHROPIC_BASE_URL", baseSuffix: "" },
  { name: "langchain-agent", keyName: "OPENAI_API_KEY", baseUrlVar: "OPENAI_BASE_URL", baseSuffix: "/v1" },
] as const;

describe("examples", () => {
  let sb: Sandbox;
  let seen: Seen[];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      const body = JSON.parse(text || "{}") as Record<string, unknown>;
      seen.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply(req.url ?? "", String(body.model ?? "m"))));
    });
  });
  let base = "";

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    await build({
      entryPoints: EXAMPLES.map((e) => join(PROJECT_ROOT, "examples", `${e.name}.ts`)),
      outdir: OUT,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      tsconfig: join(PROJECT_ROOT, "tsconfig.json"),
      banner: { js: 'import { createRequire as __r } from "node:module"; const require = __r(import.meta.url);' },
      logLevel: "warning",
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    sb = makeSandbox();
    seen = [];
    const init = sb.backpack(["init", "--credentials", "OPENAI_API_KEY,ANTHROPIC_API_KEY", "--personality", "You are the example agent", "--tone", "upbeat"]);
    expect(init.status, init.stderr).toBe(0);
  });
  afterEach(() => sb.cleanup());

  it.each(EXAMPLES)("$name stops before the request when no key is set", async (example) => {
    const r = await run(sb, join(OUT, `${example.name}.mjs`), ["What is new?"], { [example.baseUrlVar]: base });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${example.keyName} is not set (add it with \`backpack key add ${example.keyName}\`); stopping before the request.`);
    expect(r.stdout).toContain("You are the example agent Tone: upbeat.");
    expect(r.stdout).toContain("What is new?");
    expect(seen).toEqual([]);
    expect(JSON.parse(sb.backpack(["memory", "show"]).stdout)).toEqual({});
  });

  it.each(EXAMPLES)("$name sends the personality and question with the vault's key, and remembers the answer", async (example) => {
    const key = fakeSecret("sk-example");
    await putInVault(sb, example.keyName, key);
    const r = await run(sb, join(OUT, `${example.name}.mjs`), ["What is new?"], { [example.baseUrlVar]: `${base}${example.baseSuffix}` });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("ANSWER-FROM-SERVER");
    expect(seen).toHaveLength(1);
    const request = seen[0] as Seen;
    // The key as the SDK presents it (x-api-key, or a bearer token), compared as hashes so a failure never prints it.
    const presented = String(request.headers["x-api-key"] ?? request.headers.authorization?.replace(/^Bearer /, ""));
    expect(sha256(presented), "the key the SDK sent").toBe(sha256(key));
    const sent = JSON.stringify(request.body);
    expect(sent).toContain("You are the example agent Tone: upbeat.");
    expect(sent).toContain("What is new?");
    expect(JSON.parse(sb.backpack(["memory", "show"]).stdout).history).toEqual([
      { role: "user", content: "What is new?" },
      { role: "assistant", content: "ANSWER-FROM-SERVER" },
    ]);
    assertNoSecrets([r.stdout, r.stderr], [key]);
  });

  it("runs under `backpack run`: the key comes through the environment run set up", async () => {
    const key = fakeSecret("sk-run");
    await putInVault(sb, "OPENAI_API_KEY", key);
    const elsewhere = join(sb.root, "work");
    mkdirSync(elsewhere);
    const r = await run(sb, CLI, ["run", "--non-interactive", "--file", "../agent.lock", join(OUT, "openai-agent.mjs"), "Hi"], { OPENAI_BASE_URL: `${base}/v1` }, elsewhere);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/injected OPENAI_API_KEY \(vault\)/);
    expect(r.stdout.trim()).toBe("ANSWER-FROM-SERVER");
    const presented = String(seen[0]?.headers.authorization).replace(/^Bearer /, "");
    expect(sha256(presented)).toBe(sha256(key));
    expect(JSON.parse(sb.backpack(["memory", "show"]).stdout).history).toHaveLength(2);
  });
});
