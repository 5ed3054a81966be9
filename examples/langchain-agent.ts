/**
 * An agent on LangChain.js (@langchain/core + @langchain/openai), wired
 * through backpack: the key from the environment, agent.lock or your vault,
 * the personality as the system message and model settings, the conversation
 * in the memory layer.
 *
 *   backpack run examples/langchain-agent.ts "Plan my release"
 *   npx tsx examples/langchain-agent.ts "Plan my release"
 *
 * Without OPENAI_API_KEY it prints the messages it would send and stops.
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { loadAgent } from "backpack-agent";

type Turn = { role: "user" | "assistant"; content: string };

const question = process.argv.slice(2).join(" ") || "What should I work on today?";
const agent = await loadAgent();
const history = (Array.isArray(agent.memory.history) ? agent.memory.history : []) as Turn[];

const messages: BaseMessage[] = [
  new SystemMessage([agent.systemPrompt ?? "You are a helpful assistant.", agent.tone ? `Tone: ${agent.tone}.` : ""].join(" ").trim()),
  ...history.slice(-10).map((turn) => (turn.role === "user" ? new HumanMessage(turn.content) : new AIMessage(turn.content))),
  new HumanMessage(question),
];
const model = typeof agent.personality.model === "string" ? agent.personality.model : "gpt-4o-mini";
const temperature = typeof agent.personality.temperature === "number" ? agent.personality.temperature : undefined;

const apiKey = agent.credentials.OPENAI_API_KEY;
if (!apiKey) {
  console.log("OPENAI_API_KEY is not set (add it with `backpack key add OPENAI_API_KEY`); stopping before the request.");
  console.log("The messages would be:");
  console.log(JSON.stringify({ model, temperature, messages: messages.map((m) => ({ role: m.getType(), content: m.content })) }, null, 2));
  process.exit(0);
}

const chat = new ChatOpenAI({ apiKey, model, temperature, maxRetries: 1 });
const reply = await chat.invoke(messages);
const answer = typeof reply.content === "string" ? reply.content : JSON.stringify(reply.content);
console.log(answer);

await agent.updateMemory((memory) => {
  const past = (Array.isArray(memory.history) ? memory.history : []) as Turn[];
  memory.history = [...past, { role: "user", content: question }, { role: "assistant", content: answer }].slice(-20);
});
