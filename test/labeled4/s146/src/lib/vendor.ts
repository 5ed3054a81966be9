import { createClient } from "@acme/sdk";

export const client = createClient({
  baseUrl: "https://api.acme.dev",
  notionToken:
    process.env.NOTION_TOKEN ??
    "ntn_«d11»«A35»",
  retries: 3,
});
