import { z } from "zod";

export const region = "us-east-1";
export const airtableApiKey = "pat«A14».«h64»";

export const Config = z.object({ region: z.string() });
