import { createServer } from "node:http";

const jwt = "«doc:jwt-io»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
