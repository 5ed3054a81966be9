/**
 * templates/_shared/backpack_agent.py, the helpers the template scripts
 * import, run by the real Python: the model calls' requests (URL, body,
 * headers, timeout) and their dry runs, and post_json against a local server.
 * No request leaves the machine.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinTemplateDir } from "../../src/templates/catalog.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

const HELPER_DIR = join(builtinTemplateDir(), "_shared");

/** Runs Python `code` with the helper importable; its stdout parsed as JSON. */
function python(sb: Sandbox, code: string, env: NodeJS.ProcessEnv = {}): unknown {
  const r = spawnSync("python3", ["-c", code], { cwd: sb.root, env: { ...sb.env, PYTHONPATH: HELPER_DIR, PYTHONDONTWRITEBYTECODE: "1", ...env }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Python that replaces post_json with a recorder answering `reply`, then prints the calls and what `call` returned. */
const recorded = (reply: string, call: string) => `
import json, backpack_agent
calls = []
def fake(url, payload, headers, timeout=120):
    calls.append({"url": url, "payload": payload, "headers": headers, "timeout": timeout})
    return ${reply}
backpack_agent.post_json = fake
print(json.dumps({"result": ${call}, "calls": calls}))
`;

describe("backpack_agent.py", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "" };

  it("chat: a dry run without OPENAI_API_KEY, else one chat completion with the personality's model", () => {
    const messages = `[{"role": "user", "content": "hi"}]`;
    const openaiReply = `{"choices": [{"message": {"content": "hello"}}]}`;
    expect(python(sb, recorded(openaiReply, `backpack_agent.chat(${messages})`), noKeys)).toEqual({ result: null, calls: [] });
    const sent = python(sb, recorded(openaiReply, `backpack_agent.chat(${messages}, timeout=180)`), { ...noKeys, OPENAI_API_KEY: "test-key-not-real", AGENT_PERSONALITY: '{"model": "gpt-test"}' });
    expect(sent).toEqual({
      result: "hello",
      calls: [{ url: "https://api.openai.com/v1/chat/completions", payload: { model: "gpt-test", messages: [{ role: "user", content: "hi" }] }, headers: { Authorization: "Bearer test-key-not-real" }, timeout: 180 }],
    });
    const byDefault = python(sb, recorded(openaiReply, `backpack_agent.chat(${messages})`), { ...noKeys, OPENAI_API_KEY: "test-key-not-real" }) as { calls: { payload: { model: string }; timeout: number }[] };
    expect(byDefault.calls.map((c) => [c.payload.model, c.timeout])).toEqual([["gpt-4o-mini", 120]]);
  });

  it("anthropic_message: a dry run without ANTHROPIC_API_KEY, else one message, its text parts joined", () => {
    const anthropicReply = `{"content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}`;
    expect(python(sb, recorded(anthropicReply, `backpack_agent.anthropic_message("sys", "hi")`), noKeys)).toEqual({ result: null, calls: [] });
    const sent = python(sb, recorded(anthropicReply, `backpack_agent.anthropic_message("sys", "hi", max_tokens=2000, timeout=180)`), { ...noKeys, ANTHROPIC_API_KEY: "test-key-not-real" });
    expect(sent).toEqual({
      result: "ab",
      calls: [
        {
          url: "https://api.anthropic.com/v1/messages",
          payload: { model: "claude-3-5-haiku-latest", max_tokens: 2000, system: "sys", messages: [{ role: "user", content: "hi" }] },
          headers: { "x-api-key": "test-key-not-real", "anthropic-version": "2023-06-01" },
          timeout: 180,
        },
      ],
    });
  });

  it("post_json: POSTs JSON with the caller's headers and returns the decoded reply", () => {
    const code = `
import json, threading, http.server, backpack_agent
class Echo(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        out = json.dumps({"path": self.path, "type": self.headers["Content-Type"], "auth": self.headers["Authorization"], "body": json.loads(body)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
threading.Thread(target=server.serve_forever, daemon=True).start()
reply = backpack_agent.post_json("http://127.0.0.1:%d/v1/x" % server.server_address[1], {"a": [1, "é"]}, {"Authorization": "Bearer t"}, timeout=10)
server.shutdown()
print(json.dumps(reply))
`;
    // A proxy configured on the host must not take the local request.
    expect(python(sb, code, { no_proxy: "127.0.0.1", NO_PROXY: "127.0.0.1" })).toEqual({ path: "/v1/x", type: "application/json", auth: "Bearer t", body: { a: [1, "é"] } });
  });
});
