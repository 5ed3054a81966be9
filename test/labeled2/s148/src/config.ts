import { z } from "zod";

export const region = "us-east-1";
export const slackWebhookUrl = "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»";

export const Config = z.object({ region: z.string() });
