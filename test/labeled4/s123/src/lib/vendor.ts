import { createClient } from "@acme/sdk";

export const client = createClient({
  baseUrl: "https://api.acme.dev",
  telegramBotToken:
    process.env.TELEGRAM_BOT_TOKEN ??
    "«d10»:AA«u33»",
  retries: 3,
});
