import { createServer } from "node:http";

const clientSecret = "Xcvs7Z2M7TB6hysF1tZ9Y62XVGn8Uliu";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
