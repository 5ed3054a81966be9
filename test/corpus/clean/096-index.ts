import { createServer } from "node:http";

const secretName = "prod/billing/stripe";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
