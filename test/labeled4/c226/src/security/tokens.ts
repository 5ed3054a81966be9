import { randomBytes, timingSafeEqual } from "node:crypto";

export const newApiKey = () => `acme_${randomBytes(24).toString("base64url")}`;

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
