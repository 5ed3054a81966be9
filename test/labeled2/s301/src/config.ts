import { z } from "zod";

export const region = "us-east-1";
export const jwtSecret = "«b44»";

export const Config = z.object({ region: z.string() });
