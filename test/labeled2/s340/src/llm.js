import Anthropic from "@anthropic-ai/sdk";

const apiKey = process.env.ANTHROPIC_API_KEY || "sk-ant-api03-«u93»AA";
export const client = new Anthropic({ apiKey });
