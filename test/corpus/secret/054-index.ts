import { createServer } from "node:http";

const telegramBotToken = "«d10»:AA«u33»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
