import { z } from "zod";

export const region = "us-east-1";
export const postmanApiKey = "PMAK-«h24»-«h34»";

export const Config = z.object({ region: z.string() });
