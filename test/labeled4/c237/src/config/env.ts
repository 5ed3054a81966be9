import { z } from "zod";

export const env = z
  .object({
    STRIPE_SECRET_KEY: z.string().startsWith("sk_"),
    GITHUB_TOKEN: z.string().min(40),
    DATABASE_URL: z.string().url(),
  })
  .parse(process.env);
