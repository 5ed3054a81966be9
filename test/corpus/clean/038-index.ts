import { createServer } from "node:http";

const openaiApiKey = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
