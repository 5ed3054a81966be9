#!/usr/bin/env node
// {{AGENT_NAME_TEXT}}: an agent made by `backpack quickstart`.
//
//     backpack run agent.js "your message"
//
// backpack injects the credentials named in agent.lock as environment variables
// (values from your environment, agent.lock or your keychain), plus
// AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (the whole personality as
// JSON) and AGENT_LOCK (the agent.lock: memory is read from it, and saved with
// `backpack memory set`; in a project that depends on backpack-agent, its
// library's loadAgent() does this for you). No dependencies (Node 20 has
// fetch); it runs as CommonJS or as an ES module. Replace askModel() with your SDK.

const AGENT_NAME = {{AGENT_NAME}};
const CREDENTIALS = {{CREDENTIALS}};
const PERSONALITY = JSON.parse(process.env.AGENT_PERSONALITY || "{}");
const SYSTEM_PROMPT = process.env.AGENT_SYSTEM_PROMPT || PERSONALITY.system_prompt || "You are a helpful assistant.";
const TONE = process.env.AGENT_TONE || PERSONALITY.tone || "";

/** Runs the backpack CLI (the program BACKPACK_CLI names, else backpack on PATH): its stdout, or undefined. */
function backpack(childProcess, args) {
  const cli = process.env.BACKPACK_CLI || "backpack";
  const result = childProcess.spawnSync(cli, args, { encoding: "utf8", shell: process.platform === "win32" });
  return result.status === 0 ? result.stdout : undefined;
}

/** The memory layer: read from agent.lock in its working form, else through `backpack memory show`. */
function loadMemory(fs, childProcess) {
  const lock = process.env.AGENT_LOCK;
  if (!lock || !fs.existsSync(lock)) return {};
  const doc = JSON.parse(fs.readFileSync(lock, "utf8"));
  if (doc.version === 2 && doc.memory && typeof doc.memory === "object") return doc.memory;
  const shown = backpack(childProcess, ["memory", "show", "--file", lock]);
  return shown ? JSON.parse(shown) : {};
}

/** Saves top-level keys through `backpack memory set`, which locks and re-encrypts agent.lock. */
function saveMemory(childProcess, memory, keys) {
  const lock = process.env.AGENT_LOCK;
  for (const key of keys) {
    if (!lock || backpack(childProcess, ["memory", "set", key, JSON.stringify(memory[key]), "--file", lock]) === undefined) {
      console.error("memory not saved: run the agent with `backpack run`, with backpack on PATH");
      return;
    }
  }
}

async function postJson(url, payload, headers) {
  const response = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(payload) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** OpenAI or Anthropic, whichever key is at hand; undefined when neither is (a dry run). */
async function askModel(system, message) {
  if (process.env.OPENAI_API_KEY) {
    const reply = await postJson(
      "https://api.openai.com/v1/chat/completions",
      { model: PERSONALITY.model || "gpt-4o-mini", messages: [{ role: "system", content: system }, { role: "user", content: message }] },
      { authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    );
    return reply.choices[0].message.content;
  }
  if (process.env.ANTHROPIC_API_KEY) {
    const reply = await postJson(
      "https://api.anthropic.com/v1/messages",
      { model: PERSONALITY.model || "claude-3-5-haiku-latest", max_tokens: 1000, system, messages: [{ role: "user", content: message }] },
      { "x-api-key": process.env.ANTHROPIC_API_KEY, "anthropic-version": "2023-06-01" },
    );
    return reply.content.map((part) => part.text || "").join("");
  }
  return undefined;
}

async function main(argv) {
  const fs = await import("node:fs");
  const childProcess = await import("node:child_process");
  const memory = loadMemory(fs, childProcess);
  memory.runs = (memory.runs || 0) + 1;
  console.log(`${AGENT_NAME} (run ${memory.runs})`);
  for (const name of CREDENTIALS) {
    // Names only: an agent never prints a credential's value.
    console.log(`  ${name}: ${process.env[name] ? "available" : `missing (backpack key add ${name})`}`);
  }
  const message = argv.join(" ") || "Introduce yourself in one sentence.";
  const system = SYSTEM_PROMPT + (TONE ? ` Tone: ${TONE}.` : "");
  const answer = await askModel(system, message);
  if (answer === undefined) {
    console.log("[dry run] no OPENAI_API_KEY or ANTHROPIC_API_KEY, so nothing was sent.");
    console.log(`  system: ${system}`);
    console.log(`  user:   ${message}`);
  } else {
    console.log(answer);
  }
  saveMemory(childProcess, memory, ["runs"]);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`${AGENT_NAME}: ${error.message}`);
    process.exitCode = 1;
  },
);
