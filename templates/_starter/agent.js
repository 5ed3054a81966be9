#!/usr/bin/env node
// {{AGENT_NAME_TEXT}}: an agent made by `backpack quickstart`.
//
//     backpack run agent.js "your message"
//
// backpack injects the credentials named in agent.lock as environment variables
// (values from your environment, agent.lock or your keychain), plus
// AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (the whole personality as
// JSON) and AGENT_MEMORY_FILE (the agent's memory as a JSON file, saved back
// into agent.lock when the script ends). No dependencies (Node 20 has fetch);
// it runs as CommonJS or as an ES module. Replace askModel() with your SDK.

const AGENT_NAME = {{AGENT_NAME}};
const CREDENTIALS = {{CREDENTIALS}};
const PERSONALITY = JSON.parse(process.env.AGENT_PERSONALITY || "{}");
const SYSTEM_PROMPT = process.env.AGENT_SYSTEM_PROMPT || PERSONALITY.system_prompt || "You are a helpful assistant.";
const TONE = process.env.AGENT_TONE || PERSONALITY.tone || "";

async function loadMemory(fs) {
  const path = process.env.AGENT_MEMORY_FILE;
  return path && fs.existsSync(path) ? JSON.parse(fs.readFileSync(path, "utf8")) : {};
}

async function saveMemory(fs, memory) {
  const path = process.env.AGENT_MEMORY_FILE;
  if (path) fs.writeFileSync(path, JSON.stringify(memory, null, 2));
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
  const memory = await loadMemory(fs);
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
  await saveMemory(fs, memory);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`${AGENT_NAME}: ${error.message}`);
    process.exitCode = 1;
  },
);
