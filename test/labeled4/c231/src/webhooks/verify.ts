import { createHmac, timingSafeEqual } from "node:crypto";

export function verify(payload: string, header: string, secret = process.env.WEBHOOK_SECRET!): boolean {
  const expected = createHmac("sha256", secret).update(payload).digest("hex");
  return timingSafeEqual(Buffer.from(expected), Buffer.from(header.replace(/^sha256=/, "")));
}
