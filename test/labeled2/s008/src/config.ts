import { z } from "zod";

export const region = "us-east-1";
export const anthropicApiKey = "sk-ant-api03-«u93»AA";

export const Config = z.object({ region: z.string() });
