import { createServer } from "node:http";

const stripeRestrictedKey = "rk_live_«A99»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
