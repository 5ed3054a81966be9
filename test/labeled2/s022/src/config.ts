import { z } from "zod";

export const region = "us-east-1";
export const geminiApiKey = "AIza«u35»";

export const Config = z.object({ region: z.string() });
