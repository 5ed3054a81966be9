// Adversarial inputs for the scanner's linear-time tests (test/unit/scan-linear.test.ts)
// and benchmark (bench/scan.mjs): long runs that repeat a rule's trigger word, and
// triggers that never finish. Each maker returns exactly n characters.
import { expandFake } from "./fake-secrets.mjs";

const repeat = (unit) => (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Shape name → (n) => text of n characters. */
export const ADVERSARIAL = {
  "tokentoken…": repeat("token"),
  "passwordpassword…": repeat("password"),
  "secretsecret…": repeat("secret"),
  "apikeyapikey…": repeat("apikey"),
  "aws_secret_…": repeat("aws_secret_"),
  "twilio_token…": repeat("twilio_token"),
  "token=token=…": repeat("token="),
  "token: aaaa…": (n) => `token: ${"a".repeat(n)}`.slice(0, n),
  "name: tokentoken…": (n) => `name: ${"token".repeat(Math.ceil(n / 5))}`.slice(0, n),
  "a run of one letter": (n) => "a".repeat(n),
  "BEGIN PRIVATE KEY, no END": repeat("-----BEGIN PRIVATE KEY-----\n"),
  "https://u:p repeated": repeat("https://u:p"),
  "eyJeyJ…": repeat("eyJ"),
  "glpat-glpat-…": repeat("glpat-"),
  "authorization: bearer …": repeat("authorization: bearer "),
  "xoxb-1-xoxb-1-…": repeat("xoxb-1-"),
  "API_KEY=value lines": repeat("API_KEY=Zq8Xv2Lm9Pw4Rt7Ky3Hn6Bd1\n"),
  "random word characters": (n) => expandFake(`«A${n}»`, `adversarial:${n}`),
};
