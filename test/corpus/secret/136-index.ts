import { createServer } from "node:http";

const jwtSigningKey = "«b64»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
