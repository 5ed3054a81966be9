import { createServer } from "node:http";

const stripeRestrictedKey = "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";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
