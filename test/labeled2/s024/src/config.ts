import { z } from "zod";

export const region = "us-east-1";
export const hfToken = "hf_«L34»";

export const Config = z.object({ region: z.string() });
