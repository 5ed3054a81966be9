/**
 * An agent on the Anthropic SDK, wired through backpack: ANTHROPIC_API_KEY
 * from the environment, agent.lock or your vault; the personality becomes the
 * system prompt; the conversation is kept in the memory layer.
 *
 *   backpack run examples/anthropic-agent.ts "Summarise my week"
 *   npx tsx examples/anthropic-agent.ts "Summarise my week"
 *
 * Without ANTHROPIC_API_KEY it prints the request it would send and stops.
 * ANTHROPIC_BASE_URL points it at a proxy.
 */
import Anthropic from "@anthropic-ai/sdk";
import { loadAgent } from "backpack-agent";

type Turn = { role: "user" | "assistant"; content: string };

const question = process.argv.slice(2).join(" ") || "What should I work on today?";
const agent = await loadAgent();
const history = (Array.isArray(agent.memory.history) ? agent.memory.history : []) as Turn[];

const request: Anthropic.MessageCreateParamsNonStreaming = {
  model: typeof agent.personality.model === "string" ? agent.personality.model : "claude-sonnet-4-5",
  max_tokens: typeof agent.personality.max_tokens === "number" ? agent.personality.max_tokens : 1024,
  system: [agent.systemPrompt ?? "You are a helpful assistant.", agent.tone ? `Tone: ${agent.tone}.` : ""].join(" ").trim(),
  messages: [...history.slice(-10), { role: "user", content: question }],
};

const apiKey = agent.credentials.ANTHROPIC_API_KEY;
if (!apiKey) {
  console.log("ANTHROPIC_API_KEY is not set (add it with `backpack key add ANTHROPIC_API_KEY`); stopping before the request.");
  console.log("The request would be:");
  console.log(JSON.stringify(request, null, 2));
  process.exit(0);
}

const client = new Anthropic({ apiKey });
const message = await client.messages.create(request);
const answer = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
console.log(answer);

await agent.updateMemory((memory) => {
  const past = (Array.isArray(memory.history) ? memory.history : []) as Turn[];
  memory.history = [...past, { role: "user", content: question }, { role: "assistant", content: answer }].slice(-20);
});
