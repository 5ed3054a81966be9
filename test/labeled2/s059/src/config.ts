import { z } from "zod";

export const region = "us-east-1";
export const elevenlabsApiKey = "sk_«h48»";

export const Config = z.object({ region: z.string() });
