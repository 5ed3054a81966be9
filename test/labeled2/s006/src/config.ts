import { z } from "zod";

export const region = "us-east-1";
export const openaiApiKey = "sk-svcacct-«u74»T3BlbkFJ«u74»";

export const Config = z.object({ region: z.string() });
