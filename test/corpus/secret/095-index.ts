import { createServer } from "node:http";

const clientSecret = "«A32»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
