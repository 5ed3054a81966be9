import { z } from "zod";

export const region = "us-east-1";
export const ddApiKey = "«h32»";

export const Config = z.object({ region: z.string() });
