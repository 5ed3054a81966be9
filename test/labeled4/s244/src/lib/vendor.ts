import { createClient } from "@acme/sdk";

export const client = createClient({
  baseUrl: "https://api.acme.dev",
  accessToken:
    process.env.ACCESS_TOKEN ??
    "«jwt»",
  retries: 3,
});
