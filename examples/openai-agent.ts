/**
 * An agent on the OpenAI SDK, wired through backpack: the API key comes from
 * the environment, agent.lock or your vault; the system prompt and tone from
 * the personality layer; the conversation is kept in the memory layer.
 *
 *   backpack run examples/openai-agent.ts "What should I read next?"
 *   npx tsx examples/openai-agent.ts "What should I read next?"
 *
 * Without OPENAI_API_KEY it prints the request it would send and stops, so it
 * runs anywhere without a network. OPENAI_BASE_URL points it at a proxy.
 */
import OpenAI from "openai";
import { loadAgent } from "backpack-agent";

type Turn = { role: "user" | "assistant"; content: string };

const question = process.argv.slice(2).join(" ") || "What should I work on today?";
const agent = await loadAgent();
const history = (Array.isArray(agent.memory.history) ? agent.memory.history : []) as Turn[];
const model = typeof agent.personality.model === "string" ? agent.personality.model : "gpt-4o-mini";

const request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
  model,
  messages: [
    { role: "system", content: [agent.systemPrompt ?? "You are a helpful assistant.", agent.tone ? `Tone: ${agent.tone}.` : ""].join(" ").trim() },
    ...history.slice(-10),
    { role: "user", content: question },
  ],
};

const apiKey = agent.credentials.OPENAI_API_KEY;
if (!apiKey) {
  console.log("OPENAI_API_KEY is not set (add it with `backpack key add OPENAI_API_KEY`); stopping before the request.");
  console.log("The request would be:");
  console.log(JSON.stringify(request, null, 2));
  process.exit(0);
}

const client = new OpenAI({ apiKey });
const completion = await client.chat.completions.create(request);
const answer = completion.choices[0]?.message.content ?? "";
console.log(answer);

// Other runs (or other processes) may have written memory meanwhile: update, don't overwrite.
await agent.updateMemory((memory) => {
  const past = (Array.isArray(memory.history) ? memory.history : []) as Turn[];
  memory.history = [...past, { role: "user", content: question }, { role: "assistant", content: answer }].slice(-20);
});
