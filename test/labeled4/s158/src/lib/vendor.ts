import { createClient } from "@acme/sdk";

export const client = createClient({
  baseUrl: "https://api.acme.dev",
  hubspotAccessToken:
    process.env.HUBSPOT_ACCESS_TOKEN ??
    "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»",
  retries: 3,
});
