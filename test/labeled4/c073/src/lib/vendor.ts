import { createClient } from "@acme/sdk";

export const client = createClient({
  baseUrl: "https://api.acme.dev",
  openaiApiKey:
    process.env.OPENAI_API_KEY ??
    "##########",
  retries: 3,
});
