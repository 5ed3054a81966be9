import { createServer } from "node:http";

const telegramBotToken = "1630926015:AAcMtHB3FSC4ltvCted-AGWBaWCejx6_7xn";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
